import { describe, expect, it } from 'vitest';
import { csv, withStripe } from './stripe-harness.js';

const HEADER =
  'id,invoice_id,type,subscription_id,subscription_item_id,price_id,amount,currency,quantity,proration,period_start,period_end,discount_amounts,discount_amount';

const amounts = async (rows: Record<string, unknown>[]) =>
  rows.map(({ subscription_id, amount, currency, is_trial }) => ({
    subscription_id,
    amount,
    currency,
    is_trial,
  }));

describe('stripe preset: subscription amounts', () => {
  it('less discounts: a non-empty discount_amounts list wins, [] is none, else discount_amount', async () => {
    const files = {
      'stripe/invoice_line_item.csv': csv(
        HEADER,
        'il_1,in_1,subscription,sub_1,si_list,price_m,1000,usd,1,false,2024-01-01,2024-02-01,"[{""amount"":150},{""amount"":50}]",999',
        'il_2,in_1,subscription,sub_1,si_empty,price_m,1000,usd,1,false,2024-01-01,2024-02-01,[],300',
        'il_3,in_1,subscription,sub_1,si_column,price_m,1000,usd,1,false,2024-01-01,2024-02-01,,300',
        'il_4,in_1,subscription,sub_1,si_none,price_m,1000,usd,1,false,2024-01-01,2024-02-01,,',
        // 100 % off and no subscription row: a trial
        'il_5,in_1,subscription,sub_1,si_free,price_m,1000,usd,1,false,2024-01-01,2024-02-01,"[{""amount"":1000}]",',
      ),
    };
    await withStripe(files, async (ingested) => {
      expect(await amounts(await ingested.rows('subscriptions'))).toEqual([
        { subscription_id: 'si_list', amount: 8, currency: 'USD', is_trial: false },
        { subscription_id: 'si_empty', amount: 10, currency: 'USD', is_trial: false },
        { subscription_id: 'si_column', amount: 7, currency: 'USD', is_trial: false },
        { subscription_id: 'si_none', amount: 10, currency: 'USD', is_trial: false },
        { subscription_id: 'si_free', amount: 0, currency: 'USD', is_trial: true },
      ]);
    });
  });

  it('a discount_amounts cell that is no list of whole amounts quarantines its line, not the build', async () => {
    const files = {
      'stripe/invoice_line_item.csv': csv(
        HEADER,
        // Not JSON: the statement failed ("Malformed JSON"), and nothing was built.
        'il_1,in_1,subscription,sub_1,si_bad,price_m,1000,usd,1,false,2024-01-01,2024-02-01,[{amount:3}],',
        // JSON, but an amount that is no number, and an object that is no list: read as no discount.
        'il_2,in_1,subscription,sub_1,si_text,price_m,1000,usd,1,false,2024-01-01,2024-02-01,"[{""amount"":""x""}]",',
        'il_3,in_1,subscription,sub_1,si_object,price_m,1000,usd,1,false,2024-01-01,2024-02-01,"{""amount"":300}",',
        // JSON null is an empty cell: the discount_amount column.
        'il_4,in_1,subscription,sub_1,si_null,price_m,1000,usd,1,false,2024-01-01,2024-02-01,null,300',
        // Numbers that are no whole minor units: a cast read them as 980, 1 and 12 (a period at 0.20,
        // 9.99 and 9.88), with nothing quarantined.
        'il_5,in_1,subscription,sub_1,si_fraction,price_m,1000,usd,1,false,2024-01-01,2024-02-01,"[{""amount"":980.4}]",',
        'il_6,in_1,subscription,sub_1,si_boolean,price_m,1000,usd,1,false,2024-01-01,2024-02-01,"[{""amount"":true}]",',
        'il_7,in_1,subscription,sub_1,si_string,price_m,1000,usd,1,false,2024-01-01,2024-02-01,"[{""amount"":""12""}]",',
      ),
    };
    await withStripe(files, async (ingested) => {
      expect(await amounts(await ingested.rows('subscriptions'))).toEqual([
        { subscription_id: 'si_null', amount: 7, currency: 'USD', is_trial: false },
      ]);
      const quarantined = await ingested.quarantine('subscriptions', true);
      expect(quarantined.map(({ line, column, reason_code }) => ({ line, column, reason_code }))).toEqual(
        [2, 3, 4, 6, 7, 8].map((line) => ({ line, column: 'amount', reason_code: 'wrong_type' })),
      );
      // Each reason names the vendor column at fault and its value (the line's own amount, 1000, is fine).
      expect(quarantined.map(({ reason }) => /'(discount_amounts [^ ]+)/.exec(String(reason))?.[1])).toEqual([
        'discount_amounts [{amount:3}]:',
        'discount_amounts [{"amount":"x"}]:',
        'discount_amounts {"amount":300}:',
        'discount_amounts [{"amount":980.4}]:',
        'discount_amounts [{"amount":true}]:',
        'discount_amounts [{"amount":"12"}]:',
      ]);
    });
  });

  it('minor units by the ISO 4217 exponent of the line currency: JPY has none, KWD three', async () => {
    const files = {
      // fx_rates stays a canonical file beside the preset.
      'fx_rates.csv': csv('date,currency,rate', '2024-01-01,JPY,0.0067', '2024-01-01,KWD,3.25'),
      'stripe/price.csv': csv(
        'id,nickname,recurring_interval,recurring_interval_count,unit_amount,currency',
        'p_jpy,Yen,month,1,5000,jpy',
        'p_kwd,Dinar,month,1,12345,kwd',
      ),
      'stripe/invoice_line_item.csv': csv(
        HEADER,
        'il_1,in_1,subscription,sub_1,si_jpy,p_jpy,5000,jpy,1,false,2024-01-01,2024-02-01,,',
        'il_2,in_1,subscription,sub_1,si_kwd,p_kwd,12345,kwd,1,false,2024-01-01,2024-02-01,,',
      ),
    };
    await withStripe(files, async (ingested) => {
      expect(await amounts(await ingested.rows('subscriptions'))).toEqual([
        { subscription_id: 'si_jpy', amount: 5000, currency: 'JPY', is_trial: false },
        { subscription_id: 'si_kwd', amount: 12.345, currency: 'KWD', is_trial: false },
      ]);
    });
  });

  it('a proration up or down starts a period at the full price of its new price, less its discount share; credits carry no period', async () => {
    const files = {
      'stripe/price.csv': csv(
        'id,nickname,recurring_interval,recurring_interval_count,unit_amount,currency',
        'price_m,Monthly,month,1,1000,usd',
        'price_h,High,month,1,3000,usd',
        'price_l,Low,month,1,500,usd',
      ),
      'stripe/invoice_line_item.csv': csv(
        HEADER,
        // si_up: monthly, then upgraded to High on Jan 16 (credit for the unused Monthly time, charge for High)
        'il_1,in_1,subscription,sub_1,si_up,price_m,1000,usd,1,false,2024-01-01,2024-02-01,,',
        'il_2,in_1,subscription,sub_1,si_up,price_m,-516,usd,1,true,2024-01-16,2024-02-01,,',
        // 1,499 charged with 500 off: the full 3,000 less 3,000 × 500 / 1,499 = 1,000.67 → 1,001
        'il_3,in_1,subscription,sub_1,si_up,price_h,1499,usd,1,true,2024-01-16,2024-02-01,,500',
        'il_4,in_1,subscription,sub_1,si_up,price_h,3000,usd,1,false,2024-02-01,2024-03-01,"[{""amount"":1001}]",',
        // si_down: monthly × 2 seats, then Low × 2 seats on Jan 10
        'il_5,in_1,subscription,sub_2,si_down,price_m,2000,usd,2,false,2024-01-01,2024-02-01,,',
        'il_6,in_1,subscription,sub_2,si_down,price_l,710,usd,2,true,2024-01-10,2024-02-01,,',
        'il_7,in_1,subscription,sub_2,si_down,price_m,0,usd,2,true,2024-01-10,2024-02-01,,',
      ),
    };
    await withStripe(files, async (ingested) => {
      expect(
        (await ingested.rows('subscriptions')).map(
          ({ subscription_id, plan, amount, start_date, end_date, _line }) => ({
            subscription_id,
            plan,
            amount,
            start_date,
            end_date,
            _line,
          }),
        ),
      ).toEqual([
        {
          subscription_id: 'si_up',
          plan: 'Monthly',
          amount: 10,
          start_date: '2024-01-01',
          end_date: '2024-01-16',
          _line: 2,
        },
        // The proration period and the renewal at the same price and discount merge.
        {
          subscription_id: 'si_up',
          plan: 'High',
          amount: 19.99,
          start_date: '2024-01-16',
          end_date: '2024-03-01',
          _line: 4,
        },
        {
          subscription_id: 'si_down',
          plan: 'Monthly',
          amount: 20,
          start_date: '2024-01-01',
          end_date: '2024-01-10',
          _line: 6,
        },
        {
          subscription_id: 'si_down',
          plan: 'Low',
          amount: 10,
          start_date: '2024-01-10',
          end_date: '2024-02-01',
          _line: 7,
        },
      ]);
      expect(ingested.report.sources.find((source) => source.name === 'subscriptions')!.notes).toEqual([
        'invoice_line_item: 1 row merged into the period before (same plan, amount, currency, interval and trial)',
        'invoice_line_item: 2 rows proration credits (zero or negative amount)',
      ]);
    });
  });

  it('a proration quantity written 2.0 is two units; one that is no whole number leaves the line quarantined, not priced as one unit', async () => {
    const files = {
      'stripe/price.csv': csv(
        'id,nickname,recurring_interval,recurring_interval_count,unit_amount,currency',
        'price_m,Monthly,month,1,1000,usd',
        'price_h,High,month,1,3000,usd',
      ),
      'stripe/invoice_line_item.csv': csv(
        HEADER,
        'il_1,in_1,subscription,sub_1,si_a,price_m,2000,usd,2,false,2024-01-01,2024-02-01,,',
        // Two seats written as a decimal: the full cycle is 3,000 × 2.
        'il_2,in_1,subscription,sub_1,si_a,price_h,2000,usd,2.0,true,2024-01-16,2024-02-01,,',
        'il_3,in_1,subscription,sub_2,si_b,price_m,2000,usd,2,false,2024-01-01,2024-02-01,,',
        // Before: coalesce(quantity in minor units, 1) priced these at one seat, 30.00.
        'il_4,in_1,subscription,sub_2,si_b,price_h,2000,usd,two,true,2024-01-16,2024-02-01,,',
        'il_5,in_1,subscription,sub_3,si_c,price_h,2000,usd,2.5,true,2024-01-16,2024-02-01,,',
      ),
    };
    await withStripe(files, async (ingested) => {
      expect(
        (await ingested.rows('subscriptions')).map(
          ({ subscription_id, plan, amount, start_date, end_date }) => [
            subscription_id,
            plan,
            amount,
            start_date,
            end_date,
          ],
        ),
      ).toEqual([
        ['si_a', 'Monthly', 20, '2024-01-01', '2024-01-16'],
        ['si_a', 'High', 60, '2024-01-16', '2024-02-01'],
        ['si_b', 'Monthly', 20, '2024-01-01', '2024-02-01'],
      ]);
      const quarantined = await ingested.quarantine('subscriptions', true);
      expect(quarantined.map(({ line, column, reason_code }) => [line, column, reason_code])).toEqual([
        [5, 'amount', 'wrong_type'],
        [6, 'amount', 'wrong_type'],
      ]);
      expect(quarantined[0]!.reason).toContain('two (quantity is not a whole number)');
      expect(quarantined[1]!.reason).toContain('2.5 (quantity is not a whole number)');
    });
  });
});
