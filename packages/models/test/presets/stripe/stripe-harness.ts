import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type IngestReport, ingestSources, Warehouse } from '@pulse/core';
import { pulseConfigSchema } from '../../../src/config.js';
import { stripePreset } from '../../../src/presets/stripe/stripe-preset.js';
import { sources } from '../../../src/sources/index.js';

/** A CSV text from a header line and rows (each a comma-separated line, quoted as needed by the caller). */
export function csv(header: string, ...rows: string[]): string {
  return `${[header, ...rows].join('\n')}\n`;
}

export const LINE_HEADER =
  'id,invoice_id,type,subscription_id,subscription_item_id,price_id,amount,currency,quantity,proration,period_start,period_end';

/** The smallest Stripe export around the rows under test: one customer, one monthly price, one paid invoice, no line. */
export const BASE: Readonly<Record<string, string>> = {
  'stripe/invoice_line_item.csv': csv(LINE_HEADER),
  'stripe/customer.csv': csv('id,name,email,created,metadata', 'cus_1,Acme,,2024-01-01 00:00:00,{}'),
  'stripe/price.csv': csv(
    'id,nickname,product_id,recurring_interval,recurring_interval_count,unit_amount,currency',
    'price_m,Monthly,,month,1,1000,usd',
  ),
  'stripe/invoice.csv': csv(
    'id,customer_id,created,status,total,tax,currency',
    'in_1,cus_1,2024-01-01 00:00:00,paid,1000,0,usd',
  ),
};

export interface StripeIngested {
  readonly warehouse: Warehouse;
  readonly report: IngestReport;
  readonly warnings: string[];
  readonly progress: string[];
  /** raw.<source> rows in file order, lineage included. */
  rows(source: string): Promise<Record<string, unknown>[]>;
  /** quarantine.<source> rows in file order, reduced to file, line, column, reason_code (and raw when asked). */
  quarantine(source: string, withRaw?: boolean): Promise<Record<string, unknown>[]>;
}

/**
 * Ingests a data folder of `files` (path → text; `null` leaves a BASE file out) with `presets.stripe` set
 * to `stripe` (plus `config`), through the kit's ingestion and the project's sources, in an in-memory
 * warehouse; `body` runs on the result and everything is cleaned up after.
 */
export async function withStripe<T>(
  files: Record<string, string | null>,
  body: (ingested: StripeIngested) => Promise<T>,
  { stripe = {}, config = {} }: { stripe?: object; config?: object } = {},
): Promise<T> {
  const dir = await dataDir({ ...BASE, ...files });
  const warehouse = await Warehouse.open(':memory:');
  try {
    const warnings: string[] = [];
    const progress: string[] = [];
    const report = await ingestSources({
      warehouse,
      dataDir: dir,
      sources,
      presets: [stripePreset],
      config: pulseConfigSchema.parse({ ...config, presets: { stripe } }),
      onWarning: (message) => warnings.push(message),
      onProgress: (message) => progress.push(message),
    });
    return await body({
      warehouse,
      report,
      warnings,
      progress,
      rows: (source) => warehouse.query(`select * from raw."${source}" order by _file, _line`),
      quarantine: async (source, withRaw = false) =>
        (
          await warehouse.query<Record<string, unknown>>(
            `select file, line, "column", reason_code${withRaw ? ', reason, raw' : ''} from quarantine."${source}" order by file, line`,
          )
        ).map((row) => ({ ...row })),
    });
  } finally {
    await warehouse.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** The error ingesting these files throws. */
export async function stripeError(
  files: Record<string, string | null>,
  options: { stripe?: object; config?: object } = {},
): Promise<Error> {
  try {
    await withStripe(files, async () => undefined, options);
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected ingestion to fail');
}

async function dataDir(files: Record<string, string | null>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pulse-stripe-'));
  for (const [path, content] of Object.entries(files)) {
    if (content === null) continue;
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return dir;
}

const PERIOD_COLUMNS = [
  'subscription_id',
  'account_id',
  'plan',
  'billing_interval',
  'amount',
  'currency',
  'start_date',
  'end_date',
  'is_trial',
  '_file',
  '_line',
] as const;

/** A subscription period row of raw.subscriptions as the tests compare them. */
export function period(row: Record<string, unknown>) {
  return Object.fromEntries(PERIOD_COLUMNS.map((column) => [column, row[column]]));
}
