import { describe, expect, it } from 'vitest';
import { csv, LINE_HEADER, withStripe } from './stripe-harness.js';

const PRICE_HEADER =
  'id,nickname,product_id,recurring_interval,recurring_interval_count,unit_amount,currency';

describe('stripe preset: billing interval and plan from the line price', () => {
  it('month×1 → month, month×3 → quarter, year×1 and month×12 → year, other intervals unknown_value at the line', async () => {
    const files = {
      'stripe/price.csv': csv(
        PRICE_HEADER,
        'p_month,,,month,1,1000,usd',
        'p_quarter,,,month,3,2700,usd',
        'p_year,,,year,1,10000,usd',
        'p_12,,,month,12,10000,usd',
        'p_week,,,week,1,300,usd',
        // Counts as typed exports write them (3.0), and ones that are no whole number: DuckDB's
        // try_cast(… as INTEGER) rounded 2.5 to 3 (a quarter) and turned `abc` into the default 1 (a month).
        'p_quarter_decimal,,,month,3.0,2700,usd',
        'p_half,,,month,2.5,2500,usd',
        'p_abc,,,month,abc,1000,usd',
      ),
      'stripe/invoice_line_item.csv': csv(
        LINE_HEADER,
        'il_1,in_1,subscription,sub_1,si_month,p_month,1000,usd,1,false,2024-01-01,2024-02-01',
        'il_2,in_1,subscription,sub_1,si_quarter,p_quarter,2700,usd,1,false,2024-01-01,2024-04-01',
        'il_3,in_1,subscription,sub_1,si_year,p_year,10000,usd,1,false,2024-01-01,2025-01-01',
        'il_4,in_1,subscription,sub_1,si_12,p_12,10000,usd,1,false,2024-01-01,2025-01-01',
        'il_5,in_1,subscription,sub_1,si_week,p_week,300,usd,1,false,2024-01-01,2024-01-08',
        'il_6,in_1,subscription,sub_1,si_quarter_decimal,p_quarter_decimal,2700,usd,1,false,2024-01-01,2024-04-01',
        'il_7,in_1,subscription,sub_1,si_half,p_half,2500,usd,1,false,2024-01-01,2024-03-16',
        'il_8,in_1,subscription,sub_1,si_abc,p_abc,1000,usd,1,false,2024-01-01,2024-02-01',
      ),
    };
    await withStripe(files, async (ingested) => {
      expect(
        (await ingested.rows('subscriptions')).map(({ subscription_id, billing_interval, plan }) => ({
          subscription_id,
          billing_interval,
          plan,
        })),
      ).toEqual([
        { subscription_id: 'si_month', billing_interval: 'month', plan: 'p_month' },
        { subscription_id: 'si_quarter', billing_interval: 'quarter', plan: 'p_quarter' },
        { subscription_id: 'si_year', billing_interval: 'year', plan: 'p_year' },
        { subscription_id: 'si_12', billing_interval: 'year', plan: 'p_12' },
        { subscription_id: 'si_quarter_decimal', billing_interval: 'quarter', plan: 'p_quarter_decimal' },
      ]);
      const [week, half, abc, ...others] = await ingested.quarantine('subscriptions', true);
      expect(others).toEqual([]);
      expect([week]).toEqual([
        {
          file: 'stripe/invoice_line_item.csv',
          line: 6,
          column: 'billing_interval',
          reason_code: 'unknown_value',
          reason:
            "billing_interval (the line price's recurring_interval × recurring_interval_count (plan: interval × interval_count)) '1 week' is not one of: month, quarter, year",
          raw: '{"id":"il_5","invoice_id":"in_1","type":"subscription","subscription_id":"sub_1","subscription_item_id":"si_week","price_id":"p_week","amount":"300","currency":"usd","quantity":"1","proration":"false","period_start":"2024-01-01","period_end":"2024-01-08"}',
        },
      ]);
      expect(half).toMatchObject({ line: 8, column: 'billing_interval', reason_code: 'unknown_value' });
      expect(half!.reason).toContain("'2.5 month' is not one of: month, quarter, year");
      expect(abc).toMatchObject({ line: 9, column: 'billing_interval', reason_code: 'unknown_value' });
      expect(abc!.reason).toContain("'abc month' is not one of: month, quarter, year");
    });
  });

  it("plan is the product's name, else the price nickname, else the price id; a legacy plan table works like price", async () => {
    const files = {
      'stripe/product.csv': csv('id,name', 'prod_pro,Pro'),
      'stripe/price.csv': csv(
        PRICE_HEADER,
        'p_prod,Ignored nickname,prod_pro,month,1,1000,usd',
        'p_nick,Starter,prod_gone,month,1,500,usd',
        'p_bare,,,month,1,200,usd',
      ),
      'stripe/plan.csv': csv(
        'id,nickname,product_id,interval,interval_count,amount,currency',
        'plan_old,Legacy,,year,1,12000,usd',
      ),
      'stripe/invoice_line_item.csv': csv(
        'id,invoice_id,type,subscription_id,subscription_item_id,price_id,plan_id,amount,currency,quantity,proration,period_start,period_end',
        'il_1,in_1,subscription,sub_1,si_1,p_prod,,1000,usd,1,false,2024-01-01,2024-02-01',
        'il_2,in_1,subscription,sub_1,si_2,p_nick,,500,usd,1,false,2024-01-01,2024-02-01',
        'il_3,in_1,subscription,sub_1,si_3,p_bare,,200,usd,1,false,2024-01-01,2024-02-01',
        'il_4,in_1,subscription,sub_1,si_4,,plan_old,12000,usd,1,false,2024-01-01,2025-01-01',
        // A price the export does not hold: quarantined (no interval), not dropped.
        'il_5,in_1,subscription,sub_1,si_5,p_missing,,700,usd,1,false,2024-01-01,2024-02-01',
      ),
    };
    await withStripe(files, async (ingested) => {
      expect(
        (await ingested.rows('subscriptions')).map(({ subscription_id, plan, billing_interval, amount }) => ({
          subscription_id,
          plan,
          billing_interval,
          amount,
        })),
      ).toEqual([
        { subscription_id: 'si_1', plan: 'Pro', billing_interval: 'month', amount: 10 },
        { subscription_id: 'si_2', plan: 'Starter', billing_interval: 'month', amount: 5 },
        { subscription_id: 'si_3', plan: 'p_bare', billing_interval: 'month', amount: 2 },
        { subscription_id: 'si_4', plan: 'Legacy', billing_interval: 'year', amount: 120 },
      ]);
      expect(await ingested.quarantine('subscriptions')).toEqual([
        {
          file: 'stripe/invoice_line_item.csv',
          line: 6,
          column: 'billing_interval',
          reason_code: 'missing_required',
        },
      ]);
    });
  });
});
