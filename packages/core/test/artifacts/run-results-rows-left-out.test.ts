// Rows left out on purpose (a mapping's `leave_out` rule, a Stripe derivation's drafts and test-mode rows)
// are neither loaded nor quarantined, so rows_read does not count them: run_results.json must still say
// them, per source, file (or vendor table) and reason, or the report site, which reads only that file,
// never shows them. A refresh must record the same counts as a full build of the same files.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPulse } from '../refresh/spawn-pulse.js';
import { writeStripeLayout } from '../refresh/stripe-layout.js';
import { tempDir } from '../support/temp-warehouse.js';

interface SourceEntry {
  readonly name: string;
  readonly rows_read: number;
  readonly rows_loaded: number;
  readonly rows_quarantined: number;
  readonly rows_left_out?: unknown;
}

/** Builds (or refreshes) `data` into `<root>/<name>.duckdb` and returns run_results.json's sources. */
async function run(command: 'build' | 'refresh', root: string, data: string, name: string) {
  const artifacts = join(root, `${name}-artifacts`);
  const done = await runPulse(
    [
      command,
      '--data',
      data,
      '--warehouse',
      join(root, `${name}.duckdb`),
      '--marts',
      join(root, `${name}-marts`),
      '--artifacts',
      artifacts,
    ],
    root,
  );
  expect({ code: done.code, stderr: done.stderr }).toEqual({ code: 0, stderr: '' });
  const results = JSON.parse(await readFile(join(artifacts, 'run_results.json'), 'utf8'));
  return {
    stdout: done.stdout,
    source: (source: string): SourceEntry => results.sources.find((s: SourceEntry) => s.name === source),
  };
}

/** Product events of one day, one per kind given. */
const events = (day: number, kinds: readonly string[]) =>
  [
    'event_id,account_id,user_id,event,occurred_at,kind',
    ...kinds.map((kind, index) => `e${day}-${index},a1,u1,login,2024-02-0${day}T10:00:00Z,${kind}`),
  ].join('\n');

describe('run_results.json: rows a leave_out rule left out', () => {
  let root: string;
  let cleanup: () => Promise<void>;
  const data = () => join(root, 'data');
  beforeAll(async () => {
    ({ dir: root, cleanup } = await tempDir('pulse-run-results-left-out-'));
    await mkdir(join(data(), 'product'), { recursive: true });
    await writeFile(
      join(data(), 'accounts.csv'),
      'account_id,name,created_at,segment\na1,Acme,2023-12-01T00:00:00Z,smb\n',
    );
    await writeFile(
      join(data(), 'subscriptions.csv'),
      'subscription_id,account_id,plan,billing_interval,amount,currency,start_date\n' +
        's1,a1,pro,month,100,USD,2024-01-01\n',
    );
    await writeFile(join(data(), 'product', 'day1.csv'), events(1, ['live', 'test', 'live']));
    await writeFile(
      join(root, 'pulse.config.json'),
      JSON.stringify({
        as_of: '2024-02-29',
        sources: {
          events: {
            path: 'product/',
            columns: { event_name: 'event' },
            leave_out: [{ column: 'kind', values: ['test'], reason: 'test events' }],
          },
        },
      }),
    );
  });
  afterAll(() => cleanup());

  it('records them per file and reason beside the counts, which stay as they were', async () => {
    const built = await run('build', root, data(), 'wh');
    expect(built.stdout).toContain('product/day1.csv: 1 row left out as test events (kind test)');
    expect(built.source('events')).toMatchObject({
      rows_read: 2,
      rows_loaded: 2,
      rows_quarantined: 0,
      rows_left_out: [
        {
          file: 'product/day1.csv',
          vendor_table: null,
          reason: 'left out as test events (kind test)',
          rows: 1,
        },
      ],
    });
    // Read by the same ingestion without a rule: none left out, said as such (not unknown).
    expect(built.source('accounts').rows_left_out).toEqual([]);
  });

  it('a refresh that keeps day1.csv and reads day2.csv records the counts a full build records', async () => {
    await writeFile(join(data(), 'product', 'day2.csv'), events(2, ['test', 'test', 'live']));
    const refreshed = await run('refresh', root, data(), 'wh');
    expect(refreshed.stdout).toContain('1 new or changed read');
    const full = await run('build', root, data(), 'full');
    const expected = [
      {
        file: 'product/day1.csv',
        vendor_table: null,
        reason: 'left out as test events (kind test)',
        rows: 1,
      },
      {
        file: 'product/day2.csv',
        vendor_table: null,
        reason: 'left out as test events (kind test)',
        rows: 2,
      },
    ];
    expect(full.source('events').rows_left_out).toEqual(expected);
    expect(refreshed.source('events').rows_left_out).toEqual(expected);
  });
});

describe("run_results.json: a Stripe derivation's rows left out", () => {
  let root: string;
  let cleanup: () => Promise<void>;
  const raw = () => join(root, 'data', 'raw');
  beforeAll(async () => {
    ({ dir: root, cleanup } = await tempDir('pulse-run-results-stripe-left-out-'));
    await writeStripeLayout(raw(), ['2024-01', '2024-02']);
    // Fivetran's invoice table with its livemode column: a draft, and an invoice made in test mode.
    await writeFile(
      join(raw(), 'stripe', 'invoice', '2024-02-extra.csv'),
      'id,customer_id,created,status,total,tax,currency,livemode\n' +
        'in_draft_1,cus_1,2024-02-20 00:00:00,draft,4900,0,usd,true\n' +
        'in_test_1,cus_2,2024-02-21 00:00:00,paid,4900,0,usd,false\n',
    );
    // The config lies next to the data folder.
    await writeFile(join(root, 'data', 'pulse.config.json'), JSON.stringify({ presets: { stripe: {} } }));
  });
  afterAll(() => cleanup());

  const invoiceRowsLeftOut = [
    { file: null, vendor_table: 'invoice', reason: 'left out as drafts', rows: 1 },
    { file: null, vendor_table: 'invoice', reason: 'left out as test mode (livemode false)', rows: 1 },
  ];

  it('records them per vendor table and reason, and a refresh that keeps invoices records them again', async () => {
    const built = await run('build', root, raw(), 'wh');
    expect(built.source('invoices').rows_left_out).toEqual(invoiceRowsLeftOut);
    // A new line-item file: subscriptions are derived again, invoices are kept.
    await writeFile(
      join(raw(), 'stripe', 'invoice_line_item', '2024-02-16.csv'),
      'id,invoice_id,type,subscription_id,subscription_item_id,price_id,amount,currency,quantity,proration,period_start,period_end\n' +
        'il_up_7,in_2024-02_7,subscription,sub_7,si_7,price_pro,2580,usd,1,true,2024-02-16 00:00:00,2024-03-01 00:00:00\n',
    );
    const refreshed = await run('refresh', root, raw(), 'wh');
    expect(refreshed.stdout).toMatch(/^invoices .*unchanged: rows kept\)$/m);
    expect(refreshed.source('invoices').rows_left_out).toEqual(invoiceRowsLeftOut);
    const full = await run('build', root, raw(), 'full');
    expect(refreshed.source('subscriptions').rows_left_out).toEqual(
      full.source('subscriptions').rows_left_out,
    );
  });
});
