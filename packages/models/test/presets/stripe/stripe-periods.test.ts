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
        const subscriptions = ingested.report.sources.find((source) => source.name === 'subscriptions')!;
        expect(subscriptions).toMatchObject({ rowsRead: 2, rowsLoaded: 2, rowsQuarantined: 0 });
        expect(subscriptions.notes).toEqual([
          'invoice_line_item: 1 row merged into the period before (same plan, amount, currency, interval and trial)',
        ]);
      },
    );
  });
});
