import { describe, expect, it } from 'vitest';
import { csv, LINE_HEADER, period, withStripe } from './stripe-harness.js';

const lines = (...rows: string[]) => ({ 'stripe/invoice_line_item.csv': csv(LINE_HEADER, ...rows) });

describe('stripe preset: subscriptions from invoice line items', () => {
  it('a renewal line is a period [UTC date of period_start, UTC date of period_end); renewals at one price merge', async () => {
    await withStripe(
      lines(
        'il_1,in_1,subscription,sub_1,si_1,price_m,1000,usd,1,false,2024-01-01 00:00:00,2024-02-01 00:00:00',
        // epoch seconds: 2024-02-01T00:00:00Z and 2024-03-01T00:00:00Z
        'il_2,in_1,subscription,sub_1,si_1,price_m,1000,usd,1,false,1706745600,1709251200',
        // a later price: a new period
        'il_3,in_1,subscription,sub_1,si_1,price_m,1500,usd,1,false,2024-03-01 00:00:00,2024-04-01 00:00:00',
      ),
      async (ingested) => {
        expect((await ingested.rows('subscriptions')).map(period)).toEqual([
          {
            subscription_id: 'si_1',
            account_id: 'cus_1',
            plan: 'Monthly',
            billing_interval: 'month',
            amount: 10,
            currency: 'USD',
            start_date: '2024-01-01',
            end_date: '2024-03-01',
            is_trial: false,
            _file: 'stripe/invoice_line_item.csv',
            _line: 2,
          },
          {
            subscription_id: 'si_1',
            account_id: 'cus_1',
            plan: 'Monthly',
            billing_interval: 'month',
            amount: 15,
            currency: 'USD',
            start_date: '2024-03-01',
            end_date: '2024-04-01',
            is_trial: false,
            _file: 'stripe/invoice_line_item.csv',
            _line: 4,
          },
        ]);
        expect(await ingested.quarantine('subscriptions')).toEqual([]);
        // stripe/ is no stranger to the data folder.
        expect(ingested.warnings).toEqual([]);
        const subscriptions = ingested.report.sources.find((source) => source.name === 'subscriptions')!;
        expect(subscriptions).toMatchObject({ rowsRead: 2, rowsLoaded: 2, rowsQuarantined: 0 });
        expect(subscriptions.notes).toEqual([
          'invoice_line_item: 1 row merged into the period before (same plan, amount, currency, interval and trial)',
        ]);
      },
    );
  });
});

const SUB_HEADER = 'id,status,ended_at,trial_end';
const short = (rows: Record<string, unknown>[]) =>
  rows.map(({ subscription_id, amount, start_date, end_date, is_trial, _file, _line }) => ({
    subscription_id,
    amount,
    start_date,
    end_date,
    is_trial,
    _file,
    _line,
  }));

describe('stripe preset: ordering, ties, cancellation and trials', () => {
  it('one subscription item billed to two customers is one history: a period ends where the next begins, whoever it bills; the two never merge', async () => {
    const files = {
      'stripe/customer.csv': csv(
        'id,name,email,created,metadata',
        'cus_1,Acme,,2024-01-01 00:00:00,{}',
        'cus_2,Beta,,2024-01-01 00:00:00,{}',
      ),
      'stripe/invoice.csv': csv(
        'id,customer_id,created,status,total,tax,currency',
        'in_1,cus_1,2024-01-01 00:00:00,paid,1000,0,usd',
        'in_2,cus_2,2024-01-15 00:00:00,paid,1000,0,usd',
        'in_3,cus_2,2024-02-15 00:00:00,paid,1000,0,usd',
      ),
      ...lines(
        'il_1,in_1,subscription,sub_x,si_x,price_m,1000,usd,1,false,2024-01-01,2024-02-01',
        // Before: trimmed and merged only with the same customer's lines, so si_x overlapped itself and this
        // line was quarantined as overlapping_period.
        'il_2,in_2,subscription,sub_x,si_x,price_m,1000,usd,1,false,2024-01-15,2024-02-15',
        'il_3,in_3,subscription,sub_x,si_x,price_m,1000,usd,1,false,2024-02-15,2024-03-15',
      ),
    };
    await withStripe(files, async (ingested) => {
      expect(
        (await ingested.rows('subscriptions')).map(
          ({ subscription_id, account_id, start_date, end_date, _line }) => [
            subscription_id,
            account_id,
            start_date,
            end_date,
            _line,
          ],
        ),
      ).toEqual([
        ['si_x', 'cus_1', '2024-01-01', '2024-01-15', 2],
        ['si_x', 'cus_2', '2024-01-15', '2024-03-15', 3],
      ]);
      expect(await ingested.quarantine('subscriptions')).toEqual([]);
    });
  });

  it('a tie on start: the later line in file order wins (files by name, then line); the other is dropped and counted', async () => {
    const files = {
      'stripe/invoice_line_item.csv': null,
      'stripe/invoice_line_items/2024-01-02.csv': csv(
        LINE_HEADER,
        'il_3,in_1,subscription,sub_1,si_1,price_m,3000,usd,1,false,2024-01-01,2024-02-01',
      ),
      'stripe/invoice_line_items/2024-01-01.csv': csv(
        LINE_HEADER,
        'il_1,in_1,subscription,sub_1,si_1,price_m,1000,usd,1,false,2024-01-01,2024-02-01',
        'il_2,in_1,subscription,sub_1,si_1,price_m,2000,usd,1,false,2024-01-01,2024-02-01',
      ),
    };
    await withStripe(files, async (ingested) => {
      expect(short(await ingested.rows('subscriptions'))).toEqual([
        {
          subscription_id: 'si_1',
          amount: 30,
          start_date: '2024-01-01',
          end_date: '2024-02-01',
          is_trial: false,
          _file: 'stripe/invoice_line_items/2024-01-02.csv',
          _line: 2,
        },
      ]);
      expect(ingested.report.sources.find((source) => source.name === 'subscriptions')!.notes).toEqual([
        'invoice_line_item: 2 rows superseded by a later line of their subscription item',
      ]);
    });
  });

  it("no period runs past the UTC date of the subscription's ended_at; a line starting after it is dropped", async () => {
    const files = {
      'stripe/subscription.csv': csv(SUB_HEADER, 'sub_1,canceled,1705770000,'), // 2024-01-20T17:00:00Z
      'stripe/invoice_line_item.csv': csv(
        LINE_HEADER,
        'il_1,in_1,subscription,sub_1,si_1,price_m,1000,usd,1,false,2024-01-01,2024-02-01',
        'il_2,in_1,subscription,sub_1,si_1,price_m,1000,usd,1,false,2024-02-01,2024-03-01',
      ),
    };
    await withStripe(files, async (ingested) => {
      expect(short(await ingested.rows('subscriptions'))).toEqual([
        {
          subscription_id: 'si_1',
          amount: 10,
          start_date: '2024-01-01',
          end_date: '2024-01-20',
          is_trial: false,
          _file: 'stripe/invoice_line_item.csv',
          _line: 2,
        },
      ]);
      expect(ingested.report.sources.find((source) => source.name === 'subscriptions')!.notes).toEqual([
        'invoice_line_item: 1 row starting after their subscription ended',
      ]);
    });
  });

  it("an unreadable ended_at or trial_end of the subscription quarantines its items' lines there, not a period left uncut", async () => {
    const files = {
      'stripe/subscription.csv': csv(
        SUB_HEADER,
        // Epoch milliseconds are no timestamp of the layout (ISO or epoch seconds): the period ran on to its
        // end (2024-02-01 instead of 2024-01-20), and sub_2's trial read false, with nothing said.
        'sub_1,canceled,1705770000000,',
        'sub_2,active,,garbage',
        'sub_3,canceled,1705770000,',
      ),
      'stripe/invoice_line_item.csv': csv(
        LINE_HEADER,
        'il_1,in_1,subscription,sub_1,si_1,price_m,1000,usd,1,false,2024-01-01,2024-02-01',
        'il_2,in_1,subscription,sub_2,si_2,price_m,0,usd,1,false,2024-01-01,2024-02-01',
        'il_3,in_1,subscription,sub_3,si_3,price_m,1000,usd,1,false,2024-01-01,2024-02-01',
      ),
    };
    await withStripe(files, async (ingested) => {
      expect(
        short(await ingested.rows('subscriptions')).map(({ subscription_id, end_date }) => ({
          subscription_id,
          end_date,
        })),
      ).toEqual([{ subscription_id: 'si_3', end_date: '2024-01-20' }]);
      const quarantined = await ingested.quarantine('subscriptions', true);
      expect(
        quarantined.map(({ file, line, column, reason_code }) => ({ file, line, column, reason_code })),
      ).toEqual([
        { file: 'stripe/invoice_line_item.csv', line: 2, column: 'end_date', reason_code: 'wrong_type' },
        { file: 'stripe/invoice_line_item.csv', line: 3, column: 'is_trial', reason_code: 'wrong_type' },
      ]);
      expect(String(quarantined[0]!.reason)).toContain('1705770000000 (the ended_at of its subscription');
      expect(String(quarantined[1]!.reason)).toContain('garbage (the trial_end of its subscription');
    });
  });

  it('is_trial: start before the trial_end date when the subscription has a row (Fivetran history: its active row), else amount 0', async () => {
    const files = {
      'stripe/subscription_history.csv': csv(
        'id,status,ended_at,trial_end,_fivetran_active,_fivetran_synced',
        'sub_1,trialing,,2024-01-10 00:00:00,false,2024-01-01 00:00:00',
        'sub_1,active,,2024-02-15 08:00:00,true,2024-01-20 00:00:00',
      ),
      'stripe/invoice_line_item.csv': csv(
        LINE_HEADER,
        // sub_1 has a row: its active row's trial_end (2024-02-15) decides, whatever the amount
        'il_1,in_1,subscription,sub_1,si_1,price_m,1000,usd,1,false,2024-01-15,2024-02-15',
        'il_2,in_1,subscription,sub_1,si_1,price_m,0,usd,1,false,2024-02-15,2024-03-15',
        // sub_2 has none: amount 0 is a trial
        'il_3,in_1,subscription,sub_2,si_2,price_m,0,usd,1,false,2024-01-01,2024-01-15',
        'il_4,in_1,subscription,sub_2,si_2,price_m,1000,usd,1,false,2024-01-15,2024-02-15',
      ),
    };
    await withStripe(files, async (ingested) => {
      expect(short(await ingested.rows('subscriptions'))).toEqual([
        {
          subscription_id: 'si_1',
          amount: 10,
          start_date: '2024-01-15',
          end_date: '2024-02-15',
          is_trial: true,
          _file: 'stripe/invoice_line_item.csv',
          _line: 2,
        },
        {
          subscription_id: 'si_1',
          amount: 0,
          start_date: '2024-02-15',
          end_date: '2024-03-15',
          is_trial: false,
          _file: 'stripe/invoice_line_item.csv',
          _line: 3,
        },
        {
          subscription_id: 'si_2',
          amount: 0,
          start_date: '2024-01-01',
          end_date: '2024-01-15',
          is_trial: true,
          _file: 'stripe/invoice_line_item.csv',
          _line: 4,
        },
        {
          subscription_id: 'si_2',
          amount: 10,
          start_date: '2024-01-15',
          end_date: '2024-02-15',
          is_trial: false,
          _file: 'stripe/invoice_line_item.csv',
          _line: 5,
        },
      ]);
    });
  });

  it('lines of draft and void invoices and non-subscription lines carry no period; uncollectible and open do', async () => {
    const files = {
      'stripe/invoice.csv': csv(
        'id,customer_id,created,status,total,tax,currency',
        'in_paid,cus_1,2024-01-01,paid,1000,0,usd',
        'in_open,cus_1,2024-01-01,open,1000,0,usd',
        'in_unc,cus_1,2024-01-01,uncollectible,1000,0,usd',
        'in_draft,cus_1,2024-01-01,draft,1000,0,usd',
        'in_void,cus_1,2024-01-01,void,1000,0,usd',
      ),
      'stripe/invoice_line_item.csv': csv(
        LINE_HEADER,
        'il_1,in_paid,subscription,sub_1,si_paid,price_m,1000,usd,1,false,2024-01-01,2024-02-01',
        'il_2,in_open,subscription,sub_1,si_open,price_m,1000,usd,1,false,2024-01-01,2024-02-01',
        'il_3,in_unc,subscription,sub_1,si_unc,price_m,1000,usd,1,false,2024-01-01,2024-02-01',
        'il_4,in_draft,subscription,sub_1,si_draft,price_m,1000,usd,1,false,2024-01-01,2024-02-01',
        'il_5,in_void,subscription,sub_1,si_void,price_m,1000,usd,1,false,2024-01-01,2024-02-01',
        'il_6,in_paid,invoiceitem,,,,500,usd,1,false,2024-01-01,2024-01-01',
      ),
    };
    await withStripe(files, async (ingested) => {
      expect((await ingested.rows('subscriptions')).map((row) => row.subscription_id)).toEqual([
        'si_paid',
        'si_open',
        'si_unc',
      ]);
      const report = ingested.report.sources.find((source) => source.name === 'subscriptions')!;
      expect(report).toMatchObject({ rowsRead: 3, rowsLoaded: 3, rowsQuarantined: 0 });
      expect(report.notes).toEqual([
        'invoice_line_item: 1 row not subscription lines',
        'invoice_line_item: 2 rows on draft or void invoices',
      ]);
    });
  });
});
