import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  IngestFileError,
  MissingSourceError,
  type PresetDefinition,
  PresetDefinitionError,
} from '../../src/index.js';
import { contractSources, dataDirWith, ingestError, withIngested } from './support/ingest-harness.js';

/**
 * A tiny preset: an "acme" CRM whose `people` table (a file or folder under acme/) becomes accounts,
 * keeping only rows whose kind is 'customer'.
 */
const acme: PresetDefinition = {
  name: 'acme',
  description: 'people of the Acme CRM → accounts',
  feeds: (config: { presets?: { acme?: object } }) => (config.presets?.acme ? ['accounts'] : []),
  columnFeeds: { accounts: { account_id: 'people.id', created_at: 'people.signup (epoch seconds)' } },
  path: () => 'acme/',
  tables: [
    {
      name: 'people',
      aliases: ['persons'],
      columns: ['id', 'full_name', 'signup', 'kind'],
      malformedTo: 'accounts',
    },
  ],
  derivations: {
    accounts: {
      requires: [['people']],
      select: (context) =>
        `select _file, _line, id as account_id, full_name as name,
                coalesce(strftime(to_timestamp(try_cast(signup as BIGINT)), '%Y-%m-%d %H:%M:%S'), signup) as created_at,
                NULL as segment, NULL as region, NULL as acquisition_channel
         from ${context.table('people')} where kind = 'customer'`,
      ignored: (context) =>
        `select 'people' as vendor_table, 'not customers' as reason, count(*) as rows
         from ${context.table('people')} where kind is distinct from 'customer'`,
    },
  },
};
const accountsOnly = contractSources.filter((source) => source.name === 'accounts');
const options = { sources: accountsOnly, presets: [acme], config: { presets: { acme: {} } } };

describe('presets: the engine hook', () => {
  it('derives the source from the vendor table, judges it, and quarantines at the vendor file and line', async () => {
    const dir = await dataDirWith({
      'acme/people.csv':
        'id,full_name,signup,kind,extra\n' +
        'p1,Ada,1704067200,customer,x\n' +
        'p2,Bob,1704153600,lead,x\n' +
        'p3, Cy ,not-a-time,customer,x\n' +
        'p4,"Dee, with ""quotes""",1704240000,customer,x,too many\n' +
        'p1,Ada again,1704326400,customer,x\n',
    });
    await withIngested(
      dir,
      async (ingested) => {
        expect(
          await ingested.raw<Record<string, unknown>>('accounts').then((rows) =>
            rows.map(({ account_id, name, created_at, segment, _file, _line }) => ({
              account_id,
              name,
              created_at,
              segment,
              _file,
              _line,
            })),
          ),
        ).toEqual([
          {
            account_id: 'p1',
            name: 'Ada',
            created_at: new Date('2024-01-01T00:00:00Z'),
            segment: 'unknown',
            _file: 'acme/people.csv',
            _line: 2,
          },
        ]);
        expect(
          (await ingested.quarantine('accounts')).map(({ file, line, column, reason_code, raw }) => ({
            file,
            line,
            column,
            reason_code,
            raw,
          })),
        ).toEqual([
          {
            file: 'acme/people.csv',
            line: 4,
            column: 'created_at',
            reason_code: 'wrong_type',
            raw: '{"id":"p3","full_name":" Cy ","signup":"not-a-time","kind":"customer","extra":"x"}',
          },
          {
            file: 'acme/people.csv',
            line: 5,
            column: null,
            reason_code: 'malformed_row',
            raw: JSON.stringify('p4,"Dee, with ""quotes""",1704240000,customer,x,too many'),
          },
          {
            file: 'acme/people.csv',
            line: 6,
            column: 'account_id',
            reason_code: 'duplicate_id',
            raw: '{"id":"p1","full_name":"Ada again","signup":"1704326400","kind":"customer","extra":"x"}',
          },
        ]);
        const [wrongType] = await ingested.quarantine('accounts');
        expect(wrongType!.reason).toContain('created_at (people.signup (epoch seconds))');
        const [accounts] = ingested.report.sources;
        expect(accounts).toMatchObject({
          name: 'accounts',
          present: true,
          mode: 'full',
          rowsRead: 4,
          rowsLoaded: 1,
          rowsQuarantined: 3,
          files: ['acme/people.csv'],
          notes: ['people: 1 row not customers'],
        });
        // The vendor table as read, for `pulse sources` and refreshes: trimmed text, file and line.
        expect(
          await ingested.warehouse.query(
            'select id, full_name, _file, _line, _malformed is not null as malformed from acme.people order by _line',
          ),
        ).toEqual([
          { id: 'p1', full_name: 'Ada', _file: 'acme/people.csv', _line: 2, malformed: false },
          { id: 'p2', full_name: 'Bob', _file: 'acme/people.csv', _line: 3, malformed: false },
          { id: 'p3', full_name: 'Cy', _file: 'acme/people.csv', _line: 4, malformed: false },
          { id: null, full_name: null, _file: 'acme/people.csv', _line: 5, malformed: true },
          { id: 'p1', full_name: 'Ada again', _file: 'acme/people.csv', _line: 6, malformed: false },
        ]);
        expect(ingested.warnings).toEqual([]);
      },
      options,
    );
  });

  it('reads a table folder under an alias, in file order across its files, and warns about tables it does not read', async () => {
    const dir = await dataDirWith({
      'acme/persons/2024-01-02.jsonl':
        '{"id":"p2","full_name":"Bob","signup":1704153600,"kind":"customer"}\n',
      'acme/persons/2024-01-01.csv':
        'id,full_name,signup,kind\np1,Ada,1704067200,customer\np2,Bob,1704067200,customer\n',
      'acme/deals.csv': 'id\n1\n',
    });
    await withIngested(
      dir,
      async (ingested) => {
        expect(
          await ingested.warehouse.query('select account_id, _file, _line from raw.accounts order by 1'),
        ).toEqual([
          { account_id: 'p1', _file: 'acme/persons/2024-01-01.csv', _line: 2 },
          { account_id: 'p2', _file: 'acme/persons/2024-01-01.csv', _line: 3 },
        ]);
        expect(
          (await ingested.quarantine('accounts')).map(({ file, line, reason_code }) => ({
            file,
            line,
            reason_code,
          })),
        ).toEqual([{ file: 'acme/persons/2024-01-02.jsonl', line: 1, reason_code: 'duplicate_id' }]);
        expect(ingested.warnings).toEqual([
          'acme: ignored acme/deals.csv: not a table the acme preset reads (it reads people)',
        ]);
      },
      options,
    );
  });

  it('a table present under its name and an alias: one warning, that the alias is ignored', async () => {
    const dir = await dataDirWith({
      'acme/people.csv': 'id,full_name,signup,kind\np1,Ada,1704067200,customer\n',
      'acme/persons.csv': 'id,full_name,signup,kind\np2,Bob,1704067200,customer\n',
    });
    await withIngested(
      dir,
      async (ingested) => {
        expect(ingested.warnings).toEqual([
          'acme: ignored acme/persons.csv: the acme table "people" is read from acme/people',
        ]);
      },
      options,
    );
  });

  it('is a config error when the source it provides is also in the data folder in canonical form', async () => {
    const dir = await dataDirWith({
      'acme/people.csv': 'id,full_name,signup,kind\np1,Ada,1704067200,customer\n',
      'accounts.csv': 'account_id,created_at\na1,2024-01-01\n',
    });
    const error = await ingestError(dir, options);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toBe(
      'accounts.csv is in the data folder, but presets.acme in pulse.config.json provides accounts: ' +
        'remove accounts.csv, or leave "accounts" out of presets.acme.provides.',
    );
  });

  it('names the vendor files to add when a required source has no table to derive it from', async () => {
    const error = await ingestError(await dataDirWith({ 'acme/deals.csv': 'id\n1\n' }), options);
    expect(error).toBeInstanceOf(MissingSourceError);
    expect((error as Error).message).toContain(
      'add acme/people{.csv.gz,.csv,.parquet,.jsonl,.ndjson,.jsonl.gz,.ndjson.gz} or acme/people/ (presets.acme in pulse.config.json reads accounts from them)',
    );
  });

  it('a path naming a file that is not an export is a file error, not an absent preset', async () => {
    const atFile: PresetDefinition = { ...acme, path: () => 'acme/people.json' };
    const dir = await dataDirWith({ 'acme/people.json': '{"id":"p1"}\n' });
    const error = await ingestError(dir, { ...options, presets: [atFile] });
    expect(error).toBeInstanceOf(IngestFileError);
    expect((error as Error).message).toContain('acme/people.json: the configured path names this file');
  });

  it('a derivation reading a table it does not declare is a PresetDefinitionError naming both', async () => {
    const broken: PresetDefinition = {
      ...acme,
      derivations: {
        accounts: {
          ...acme.derivations.accounts!,
          select: (context) => `select * from ${context.table('deals')}`,
        },
      },
    };
    const dir = await dataDirWith({
      'acme/people.csv': 'id,full_name,signup,kind\np1,Ada,1704067200,customer\n',
    });
    const error = await ingestError(dir, { ...options, presets: [broken] });
    expect(error).toBeInstanceOf(PresetDefinitionError);
    expect((error as Error).message).toBe(
      'Preset "acme": the derivation of accounts reads table "deals"; list it in its requires or optional tables.',
    );
  });

  it('reads the canonical files as usual when the config does not use the preset', async () => {
    const dir = await dataDirWith({ 'accounts.csv': 'account_id,created_at\na1,2024-01-01\n' });
    await withIngested(
      dir,
      async (ingested) => {
        expect(await ingested.warehouse.query('select account_id from raw.accounts')).toEqual([
          { account_id: 'a1' },
        ]);
        expect(
          await ingested.warehouse.query(
            "select count(*)::integer as n from information_schema.schemata where schema_name = 'acme'",
          ),
        ).toEqual([{ n: 0 }]);
      },
      { ...options, config: {} },
    );
  });
});
