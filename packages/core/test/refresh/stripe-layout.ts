import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * A small Stripe export in the Fivetran layout (ADAPTERS.md, "Stripe"): 12 customers on two monthly
 * prices, one paid invoice per customer and month in `invoice/<month>.csv`, its subscription line in
 * `invoice_line_item/<month>.csv`, one upgrade and one cancellation. Written under `raw/stripe/`.
 */
export async function writeStripeLayout(raw: string, months: readonly string[]): Promise<void> {
  const files: Record<string, string> = {
    'customer.csv': customerCsv(),
    'price.csv':
      'id,nickname,product_id,recurring_interval,recurring_interval_count,unit_amount,currency\n' +
      'price_basic,Basic,prod_1,month,1,4900,usd\nprice_pro,Pro,prod_2,month,1,9900,usd\n',
    'product.csv': 'id,name\nprod_1,Basic plan\nprod_2,Pro plan\n',
    'subscription_history.csv':
      'id,status,ended_at,trial_end,_fivetran_active,_fivetran_synced\n' +
      `sub_3,canceled,${months[1]}-20 12:00:00,,true,2024-06-01 00:00:00\n`,
  };
  for (const month of months) Object.assign(files, monthFiles(month));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(raw, 'stripe', path)), { recursive: true });
    await writeFile(join(raw, 'stripe', path), text);
  }
}

export const CUSTOMERS = 12;

function customerCsv(): string {
  const rows = Array.from({ length: CUSTOMERS }, (_, index) => {
    const segment = index % 2 ? 'smb' : 'enterprise';
    return `cus_${index + 1},Customer ${index + 1},2024-01-01 09:00:00,"{""segment"":""${segment}"",""region"":""EMEA""}"`;
  });
  return `id,name,created,metadata\n${rows.join('\n')}\n`;
}

/** `month` as `YYYY-MM`: an invoice and a line per customer (customer 5 on Pro from the second month). */
export function monthFiles(month: string): Record<string, string> {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
  const invoices: string[] = [];
  const lines: string[] = [];
  for (let index = 1; index <= CUSTOMERS; index++) {
    const pro = index === 5 && month > '2024-01';
    const amount = pro ? 9900 : 4900;
    invoices.push(`in_${month}_${index},cus_${index},${month}-01 00:00:00,paid,${amount},0,usd`);
    lines.push(
      `il_${month}_${index},in_${month}_${index},subscription,sub_${index},si_${index},${pro ? 'price_pro' : 'price_basic'},` +
        `${amount},usd,1,false,${month}-01 00:00:00,${next}-01 00:00:00`,
    );
  }
  return {
    [`invoice/${month}.csv`]: `id,customer_id,created,status,total,tax,currency\n${invoices.join('\n')}\n`,
    [`invoice_line_item/${month}.csv`]:
      'id,invoice_id,type,subscription_id,subscription_item_id,price_id,amount,currency,quantity,proration,period_start,period_end\n' +
      `${lines.join('\n')}\n`,
  };
}
