// A Stripe export's rows that give no canonical row (draft invoices, test-mode rows …) are left out and
// said in the summary. A refresh that keeps a source because none of its files changed must still say
// them: its warehouse is still read without those rows, and the summary must read as a full build's.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-warehouse.js';
import { runPulse } from './spawn-pulse.js';
import { writeStripeLayout } from './stripe-layout.js';

/** The summary's notes of rows left out ("invoice: 1 row left out as drafts"), in the order printed. */
const leftOutNotes = (stdout: string) =>
  stdout
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /^\w+: [\d,]+ rows? left out as /.test(line));

describe('pulse refresh of a Stripe export: the rows left out stay said', () => {
  let root: string;
  let cleanup: () => Promise<void>;
  const stripe = () => join(root, 'data', 'raw', 'stripe');
  let first: string[];
  beforeAll(async () => {
    ({ dir: root, cleanup } = await tempDir('pulse-stripe-left-out-'));
    await writeStripeLayout(join(root, 'data', 'raw'), ['2024-01', '2024-02']);
    // Fivetran's invoice table with its livemode column: a draft, and an invoice made in test mode.
    await writeFile(
      join(stripe(), 'invoice', '2024-02-extra.csv'),
      'id,customer_id,created,status,total,tax,currency,livemode\n' +
        'in_draft_1,cus_1,2024-02-20 00:00:00,draft,4900,0,usd,true\n' +
        'in_test_1,cus_2,2024-02-21 00:00:00,paid,4900,0,usd,false\n',
    );
    await writeFile(join(root, 'data', 'pulse.config.json'), JSON.stringify({ presets: { stripe: {} } }));
    const built = await runPulse(['refresh'], root);
    expect({ code: built.code, stderr: built.stderr }).toEqual({ code: 0, stderr: '' });
    first = leftOutNotes(built.stdout);
    expect(first).toEqual([
      'invoice: 1 row left out as drafts',
      'invoice: 1 row left out as test mode (livemode false)',
    ]);
  });
  afterAll(() => cleanup());

  it('a refresh that keeps invoices says the same rows left out as a full build of the same files', async () => {
    // A new line-item file: subscriptions are derived again, invoices and accounts are kept.
    await writeFile(
      join(stripe(), 'invoice_line_item', '2024-02-16.csv'),
      'id,invoice_id,type,subscription_id,subscription_item_id,price_id,amount,currency,quantity,proration,period_start,period_end\n' +
        'il_up_7,in_2024-02_7,subscription,sub_7,si_7,price_pro,2580,usd,1,true,2024-02-16 00:00:00,2024-03-01 00:00:00\n',
    );
    const refreshed = await runPulse(['refresh'], root);
    expect({ code: refreshed.code, stderr: refreshed.stderr }).toEqual({ code: 0, stderr: '' });
    expect(refreshed.stdout).toMatch(/^invoices .*unchanged: rows kept\)$/m);
    expect(leftOutNotes(refreshed.stdout)).toEqual(first);

    const fullRoot = join(root, 'full-build');
    await rm(fullRoot, { recursive: true, force: true });
    await mkdir(fullRoot);
    const full = await runPulse(
      [
        'build',
        '--data',
        join(root, 'data', 'raw'),
        '--warehouse',
        join(fullRoot, 'warehouse.duckdb'),
        '--marts',
        join(fullRoot, 'marts'),
      ],
      fullRoot,
    );
    expect({ code: full.code, stderr: full.stderr }).toEqual({ code: 0, stderr: '' });
    expect(leftOutNotes(refreshed.stdout)).toEqual(leftOutNotes(full.stdout));
  });

  it('a changed invoice file is counted again, once, and a later refresh keeps the new counts', async () => {
    await writeFile(
      join(stripe(), 'invoice', '2024-02-extra.csv'),
      'id,customer_id,created,status,total,tax,currency,livemode\n' +
        'in_draft_1,cus_1,2024-02-20 00:00:00,draft,4900,0,usd,true\n' +
        'in_draft_2,cus_3,2024-02-22 00:00:00,Draft,4900,0,usd,true\n' +
        'in_test_1,cus_2,2024-02-21 00:00:00,paid,4900,0,usd,false\n',
    );
    const recounted = await runPulse(['refresh'], root);
    expect({ code: recounted.code, stderr: recounted.stderr }).toEqual({ code: 0, stderr: '' });
    const counts = [
      'invoice: 2 rows left out as drafts',
      'invoice: 1 row left out as test mode (livemode false)',
    ];
    expect(leftOutNotes(recounted.stdout)).toEqual(counts);

    await writeFile(
      join(stripe(), 'invoice_line_item', '2024-02-17.csv'),
      'id,invoice_id,type,subscription_id,subscription_item_id,price_id,amount,currency,quantity,proration,period_start,period_end\n' +
        'il_up_8,in_2024-02_8,subscription,sub_8,si_8,price_pro,2580,usd,1,true,2024-02-17 00:00:00,2024-03-01 00:00:00\n',
    );
    const kept = await runPulse(['refresh'], root);
    expect({ code: kept.code, stderr: kept.stderr }).toEqual({ code: 0, stderr: '' });
    expect(kept.stdout).toMatch(/^invoices .*unchanged: rows kept\)$/m);
    expect(leftOutNotes(kept.stdout)).toEqual(counts);
  });
});
