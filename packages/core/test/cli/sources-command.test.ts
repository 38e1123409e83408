import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sourcesExplanationSchema } from '../../src/explain/sources-explanation-schema.js';
import { main } from '../../src/index.js';
import { captureIo, pulseInProcess } from '../support/capture-io.js';
import { tempDir } from '../support/temp-warehouse.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/sources-project/', import.meta.url));
const PROJECT = join(FIXTURE, 'project.ts');
const PRESET_PROJECT = join(FIXTURE, 'preset-project.ts');

const ACCOUNTS =
  'account_id,name,created_at,segment\na1,Acme,2024-01-05T10:00:00Z,smb\na2,Globex,2024-02-01,enterprise\n';

/** A CRM export in two files of one glob: vendor headers, epoch milliseconds, tiers for segments. */
const CRM_A =
  'Record ID,name,Create Date,Customer Tier\nA1,Acme,1704448800000,Tier 3\nA2,Globex,17x0000,Tier 1\n';
const CRM_B = 'Record ID,name,Create Date,Customer Tier\nA3,Initech,1706745600000,Tier 2\n';
const PERIODS = 'sub,customer,price_cents,cur,from\nS1,A1,1999,usd,2024-02-01\nS2,A3,500000,jpy,2024-03-01\n';

const MAPPED_CONFIG = {
  sources: {
    accounts: {
      path: 'crm/*.csv',
      columns: { account_id: 'Record ID', created_at: 'Create Date', segment: 'Customer Tier' },
      values: { segment: { 'Tier 1': 'enterprise', 'Tier 2': 'mid_market', 'Tier 3': 'smb' } },
      formats: { created_at: 'epoch_ms' },
      // A segment that holds only for some rows (read as empty for Initech).
      empty_unless: { segment: { column: 'name', values: ['Acme', 'Globex'] } },
    },
    subscriptions: {
      path: 'billing/periods/',
      columns: {
        subscription_id: 'sub',
        account_id: 'customer',
        amount: 'price_cents',
        currency: 'cur',
        start_date: 'from',
      },
      // A list of formats: tried in order (the periods are written the second way).
      formats: { amount: 'minor_units', start_date: ['%d.%m.%Y', 'iso'] },
    },
  },
};

describe('pulse sources', () => {
  let root: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dir: root, cleanup } = await tempDir('pulse-sources-'));
  });
  afterEach(() => cleanup());

  const write = async (files: Record<string, string>) => {
    for (const [path, text] of Object.entries(files)) {
      await mkdir(dirname(join(root, path)), { recursive: true });
      await writeFile(join(root, path), text);
    }
  };
  const run = (...argv: string[]) => pulseInProcess(root, argv);
  const build = async (project = PROJECT, ...argv: string[]) => {
    const result = await run('build', '--project', project, ...argv);
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    return result;
  };
  const warehouse = () => join(root, 'data', 'warehouse.duckdb');

  it('canonical files: an accounts file, an events folder, an absent optional source', async () => {
    await write({
      'data/raw/accounts.csv': `${ACCOUNTS}a3,Initech,not a date,smb\n`,
      'data/raw/events/2024-01.csv': 'event_id,account_id,occurred_at\ne1,a1,2024-01-06T00:00:00Z\n',
      'data/raw/events/2024-02.csv':
        'event_id,account_id,occurred_at\ne2,a1,2024-02-06T00:00:00Z\ne3,a2,2024-02-07T00:00:00Z\n',
    });
    await build();
    const { code, stdout, stderr } = await run('sources', '--project', PROJECT);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toBe(
      [
        `Warehouse: ${warehouse()}`,
        'Config:    none (defaults: every source read from its own place)',
        '',
        'accounts       canonical files',
        '  path: accounts.csv',
        '  columns: read under their own (contract) names',
        '',
        '  file            read  loaded  quarantined',
        '  accounts.csv       3       2            1',
        '  total (1 file)     3       2            1',
        '',
        'subscriptions  not present (optional: empty tables)',
        '',
        'events         canonical files',
        '  path: events/',
        '  columns: read under their own (contract) names',
        '',
        '  file                read  loaded  quarantined',
        '  events/2024-01.csv     1       1            0',
        '  events/2024-02.csv     2       2            0',
        '  total (2 files)        3       3            0',
        '',
      ].join('\n'),
    );
  });

  const MAPPED_EXPLANATION = [
    'accounts       mapping (sources.accounts in pulse.config.json)',
    '  path: crm/*.csv',
    '  account_id  ← "Record ID"',
    '  name        ← "name" (own name)',
    '  created_at  ← "Create Date" (epoch_ms)',
    '  segment     ← "Customer Tier" (values: 3 mapped; only where "name" is Acme or Globex)',
    '',
    '  file             read  loaded  quarantined',
    '  crm/a.csv           2       1            1',
    '  crm/b.csv           1       1            0',
    '  total (2 files)     3       2            1',
    '',
    'subscriptions  mapping (sources.subscriptions in pulse.config.json)',
    '  path: billing/periods/',
    '  subscription_id  ← "sub"',
    '  account_id       ← "customer"',
    '  amount           ← "price_cents" (minor_units)',
    '  currency         ← "cur"',
    '  start_date       ← "from" (%d.%m.%Y or iso)',
    '',
    '  file                      read  loaded  quarantined',
    '  billing/periods/2024.csv     2       2            0',
    '  total (1 file)               2       2            0',
    '',
    'events         not present (optional: empty tables)',
  ];
  const writeMapped = () =>
    write({
      'data/raw/crm/a.csv': CRM_A,
      'data/raw/crm/b.csv': CRM_B,
      'data/raw/billing/periods/2024.csv': PERIODS,
      'data/pulse.config.json': JSON.stringify(MAPPED_CONFIG),
    });

  it('a mapping: a glob over two files with one bad row, a folder, columns, values and formats', async () => {
    await writeMapped();
    await build();
    const { code, stdout, stderr } = await run('sources', '--project', PROJECT);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toBe(
      [
        `Warehouse: ${warehouse()}`,
        `Config:    ${join(root, 'data', 'pulse.config.json')}`,
        '',
        ...MAPPED_EXPLANATION,
        '',
      ].join('\n'),
    );
  });

  it('pulse build --explain-mapping prints the same explanation after publishing', async () => {
    await writeMapped();
    const { stdout } = await build(PROJECT, '--explain-mapping');
    const after = stdout.slice(stdout.indexOf('Artifacts: '));
    expect(after).toBe(
      [
        'Artifacts: target/run_results.json, target/manifest.json',
        '',
        'Sources:',
        ...MAPPED_EXPLANATION.map((line) => line && `  ${line}`),
        '',
      ].join('\n'),
    );
    // Without the flag, nothing of it.
    const plain = await build(PROJECT);
    expect(plain.stdout).not.toContain('Sources:');
    expect(plain.stdout.trimEnd().endsWith('Artifacts: target/run_results.json, target/manifest.json')).toBe(
      true,
    );
  });

  it('--json: the same explanation, machine-readable and valid against its schema', async () => {
    await writeMapped();
    await build();
    const { code, stdout, stderr } = await run('sources', '--project', PROJECT, '--json');
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const json = JSON.parse(stdout);
    expect(sourcesExplanationSchema.parse(json)).toEqual(json);
    expect(json.warehouse).toBe(warehouse());
    expect(json.config_file).toBe(join(root, 'data', 'pulse.config.json'));
    expect(json.sources.map((source: { name: string }) => source.name)).toEqual([
      'accounts',
      'subscriptions',
      'events',
    ]);
    const [accounts, subscriptions, events] = json.sources;
    expect(subscriptions.columns.find((feed: { column: string }) => feed.column === 'start_date')).toEqual({
      column: 'start_date',
      from: 'from',
      kind: 'mapped',
      format: ['%d.%m.%Y', 'iso'],
      values: null,
      empty_unless: null,
      time_zone: null,
    });
    expect(accounts).toEqual({
      name: 'accounts',
      required: true,
      origin: 'mapping',
      preset: null,
      origin_label: 'mapping (sources.accounts in pulse.config.json)',
      path: 'crm/*.csv',
      columns: [
        {
          column: 'account_id',
          from: 'Record ID',
          kind: 'mapped',
          format: null,
          values: null,
          empty_unless: null,
          time_zone: null,
        },
        {
          column: 'name',
          from: 'name',
          kind: 'own_name',
          format: null,
          values: null,
          empty_unless: null,
          time_zone: null,
        },
        {
          column: 'created_at',
          from: 'Create Date',
          kind: 'mapped',
          format: 'epoch_ms',
          values: null,
          empty_unless: null,
          time_zone: null,
        },
        {
          column: 'segment',
          from: 'Customer Tier',
          kind: 'mapped',
          format: null,
          values: { 'Tier 1': 'enterprise', 'Tier 2': 'mid_market', 'Tier 3': 'smb' },
          empty_unless: { column: 'name', values: ['Acme', 'Globex'] },
          time_zone: null,
        },
      ],
      files: [
        { file: 'crm/a.csv', table: null, read: 2, loaded: 1, quarantined: 1, ignored: 0 },
        { file: 'crm/b.csv', table: null, read: 1, loaded: 1, quarantined: 0, ignored: 0 },
      ],
      lookups: [],
      left_out: [],
      total: { files: 2, read: 3, loaded: 2, quarantined: 1, ignored: 0 },
    });
    expect(events).toEqual({
      name: 'events',
      required: false,
      origin: 'not_present',
      preset: null,
      origin_label: 'not present',
      path: null,
      columns: [
        {
          column: 'event_id',
          from: 'event_id',
          kind: 'own_name',
          format: null,
          values: null,
          empty_unless: null,
          time_zone: null,
        },
        {
          column: 'account_id',
          from: 'account_id',
          kind: 'own_name',
          format: null,
          values: null,
          empty_unless: null,
          time_zone: null,
        },
        {
          column: 'occurred_at',
          from: 'occurred_at',
          kind: 'own_name',
          format: null,
          values: null,
          empty_unless: null,
          time_zone: null,
        },
      ],
      files: [],
      lookups: [],
      left_out: [],
      total: { files: 0, read: 0, loaded: 0, quarantined: 0, ignored: 0 },
    });
  });

  it('a file that gave no row (a header only) is listed with zeros: the build recorded it', async () => {
    await write({
      'data/raw/accounts.csv': ACCOUNTS,
      'data/raw/events/empty.csv': 'event_id,account_id,occurred_at\n',
    });
    await build();
    const { stdout } = await run('sources', '--project', PROJECT);
    expect(stdout.slice(stdout.indexOf('events '))).toBe(
      [
        'events         canonical files',
        '  path: events/',
        '  columns: read under their own (contract) names',
        '',
        '  file              read  loaded  quarantined',
        '  events/empty.csv     0       0            0',
        '  total (1 file)       0       0            0',
        '',
      ].join('\n'),
    );
  });

  it('a preset of the project: rows read per vendor file, ignored rows, tables only looked up in', async () => {
    await write({
      'data/raw/fakebill/customer.csv': 'id,name,created\nc1,Acme,2024-01-01\nc2,Globex,2024-01-02\n',
      'data/raw/fakebill/line_item.csv':
        'id,customer,amount,price,status,period_start\n' +
        'l1,c1,1999,p1,paid,2024-02-01\nl2,c1,1999,p1,draft,2024-03-01\n' +
        'l3,c2,abc,p2,paid,2024-02-01\nl4,c2,5000,p2,open,2024-02-01\n',
      'data/raw/fakebill/price.csv': 'id,currency\np1,usd\np2,eur\n',
      'data/raw/events.csv': 'event_id,account_id,occurred_at\ne1,c1,2024-01-06T00:00:00Z\n',
      'data/pulse.config.json': JSON.stringify({ presets: { fakebill: {} } }),
    });
    await build(PRESET_PROJECT);
    const { code, stdout, stderr } = await run('sources', '--project', PRESET_PROJECT);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout.slice(stdout.indexOf('accounts'))).toBe(
      [
        'accounts       preset fakebill',
        '  path: fakebill/',
        '  account_id  ← customer.id',
        '  name        ← customer.name',
        '  created_at  ← customer.created',
        '  segment     ← nothing (left empty)',
        '',
        '  file                   read  loaded  quarantined  ignored',
        '  fakebill/customer.csv     2       2            0        0',
        '  total (1 file)            2       2            0        0',
        '',
        'subscriptions  preset fakebill',
        '  path: fakebill/',
        '  subscription_id  ← line_item.id',
        '  account_id       ← line_item.customer',
        '  amount           ← line_item.amount (cents) / 100',
        '  currency         ← price.currency',
        '  start_date       ← line_item.period_start',
        '',
        '  file                    read  loaded  quarantined  ignored',
        '  fakebill/line_item.csv     4       2            1        1',
        '  total (1 file)             4       2            1        1',
        '  looked up in: fakebill/price.csv (2 rows)',
        '',
        'events         canonical files',
        '  path: events.csv',
        '  columns: read under their own (contract) names',
        '',
        '  file            read  loaded  quarantined',
        '  events.csv         1       1            0',
        '  total (1 file)     1       1            0',
        '',
      ].join('\n'),
    );
    const json = JSON.parse((await run('sources', '--project', PRESET_PROJECT, '--json')).stdout);
    expect(json.sources[1].files).toEqual([
      { file: 'fakebill/line_item.csv', table: 'line_item', read: 4, loaded: 2, quarantined: 1, ignored: 1 },
    ]);
    expect(json.sources[1].lookups).toEqual([{ file: 'fakebill/price.csv', table: 'price', read: 2 }]);
    expect(json.sources[1]).toMatchObject({
      origin: 'preset',
      preset: 'fakebill',
      origin_label: 'preset fakebill',
    });
  });

  it('a mapping a preset wrote (sources.<name>.preset) is shown as that preset; a mapped path that finds nothing says so', async () => {
    await write({
      'data/raw/hubspot/companies.csv':
        'Record ID,name,Create Date,segment\nH1,Acme,2024-01-05T10:00:00Z,smb\n',
      'data/pulse.config.json': JSON.stringify({
        sources: {
          accounts: {
            preset: 'hubspot',
            path: 'hubspot/companies.csv',
            columns: { account_id: 'Record ID', created_at: 'Create Date' },
          },
          events: { path: 'segment/tracks/', columns: { event_id: 'id' } },
        },
      }),
    });
    await build();
    const { stdout } = await run('sources', '--project', PROJECT);
    expect(stdout.slice(stdout.indexOf('accounts'), stdout.indexOf('subscriptions'))).toBe(
      [
        'accounts       preset hubspot',
        '  path: hubspot/companies.csv',
        '  account_id  ← "Record ID"',
        '  name        ← "name" (own name)',
        '  created_at  ← "Create Date"',
        '  segment     ← "segment" (own name)',
        '',
        '  file                   read  loaded  quarantined',
        '  hubspot/companies.csv     1       1            0',
        '  total (1 file)            1       1            0',
        '',
        '',
      ].join('\n'),
    );
    // A mapped optional source whose path finds nothing: the mapping, and where nothing was found.
    expect(stdout.slice(stdout.indexOf('events '))).toBe(
      [
        'events         mapping (sources.events in pulse.config.json)',
        '  path: segment/tracks/',
        '  event_id     ← "id"',
        '  account_id   ← "account_id" (own name)',
        '  occurred_at  ← "occurred_at" (own name)',
        '',
        '  no file found at segment/tracks/',
        '',
      ].join('\n'),
    );
  });

  it('after a refresh that kept the rows of unchanged files, those files count too', async () => {
    await write({
      'data/raw/accounts.csv': ACCOUNTS,
      'data/raw/events/2024-01.csv': 'event_id,account_id,occurred_at\ne1,a1,2024-01-06T00:00:00Z\n',
    });
    await build();
    await write({
      'data/raw/events/2024-02.csv': 'event_id,account_id,occurred_at\ne2,a2,2024-02-06T00:00:00Z\ne3,zz,x\n',
    });
    const refresh = await run('refresh', '--project', PROJECT);
    expect({ code: refresh.code, stderr: refresh.stderr }).toEqual({ code: 0, stderr: '' });
    expect(refresh.stdout).toContain('1 new or changed read');
    const { stdout } = await run('sources', '--project', PROJECT);
    expect(stdout.slice(stdout.indexOf('  file                '))).toBe(
      [
        '  file                read  loaded  quarantined',
        '  events/2024-01.csv     1       1            0',
        '  events/2024-02.csv     2       1            1',
        '  total (2 files)        3       2            1',
        '',
      ].join('\n'),
    );
  });

  it('on a terminal the source names are bold; piped, the text has no escape codes', async () => {
    await write({ 'data/raw/accounts.csv': ACCOUNTS });
    await build();
    const io = captureIo(root, { tty: true });
    expect(await main(['sources', '--project', PROJECT], io)).toBe(0);
    expect(io.output()).toContain('\x1b[1maccounts     \x1b[22m  canonical files');
    expect((await run('sources', '--project', PROJECT)).stdout).not.toContain('\x1b[');
  });

  it('no warehouse yet: exit 1 saying to run pulse build first', async () => {
    const { code, stdout, stderr } = await run('sources', '--project', PROJECT);
    expect({ code, stdout }).toEqual({ code: 1, stdout: '' });
    expect(stderr).toBe(
      `pulse sources: No warehouse at ${warehouse()}: run \`pulse build\` first (or pass --warehouse FILE).\n`,
    );
  });

  it('--warehouse and --config name what is read', async () => {
    await write({ 'data/raw/accounts.csv': ACCOUNTS, 'elsewhere/pulse.config.json': '{}' });
    await build(PROJECT, '--warehouse', 'out/w.duckdb');
    const { code, stdout } = await run(
      'sources',
      '--project',
      PROJECT,
      '--warehouse',
      'out/w.duckdb',
      '--config',
      'elsewhere/pulse.config.json',
    );
    expect(code).toBe(0);
    expect(stdout.split('\n').slice(0, 2)).toEqual([
      `Warehouse: ${join(root, 'out', 'w.duckdb')}`,
      `Config:    ${join(root, 'elsewhere', 'pulse.config.json')}`,
    ]);
  });

  it('--help says what each count means; the global help lists the command', async () => {
    const help = await run('sources', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: pulse sources [options]');
    expect(help.stdout).toContain('  --json             print JSON instead');
    // Help is wrapped to the terminal (cli/wrap-help.ts): the phrase may span lines.
    expect(help.stdout.replace(/\s+/g, ' ')).toContain('ignored = read - loaded - quarantined');
    const global = await run('--help');
    expect(global.stdout).toContain(
      '  sources   per source: files, mapping or preset, the vendor column of each column, rows per file',
    );
    const buildHelp = await run('build', '--help');
    expect(buildHelp.stdout).toContain('  --explain-mapping  after publishing, print per source');
  });

  it('an unknown flag is a usage error (exit 2)', async () => {
    const { code, stderr } = await run('sources', '--jsn');
    expect(code).toBe(2);
    expect(stderr).toContain('--jsn');
  });
});
