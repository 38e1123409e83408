// Plain-JS reading of the three sources the MRR marts need (accounts, subscriptions, fx_rates), with
// the contract's row rules that change MRR (a quarantined row must not count here either).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromCSV } from 'arquero';

export interface Account {
  readonly account_id: string;
  readonly segment: string;
}

export interface Period {
  readonly account_id: string;
  readonly start: string;
  readonly end: string | null;
  /** Monthly recurring revenue in the reporting currency (G7: rate of the start date). */
  readonly mrr: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONEY = /^\d+(\.\d+)?$/;
const MONTHS: Record<string, number> = { month: 1, quarter: 3, year: 12 };
const blank = (v: unknown) => v === null || v === undefined || String(v).trim() === '';
const text = (v: unknown) => (blank(v) ? null : String(v).trim());

/** Header names in another case or with spaces around them are the same column (CONTRACT.md). */
function readCsv(file: string): Record<string, unknown>[] {
  const table = fromCSV(readFileSync(file, 'utf8'), { autoType: false });
  const names = table.columnNames();
  const renamed = table.rename(Object.fromEntries(names.map((n) => [n, n.trim().toLowerCase()])));
  return renamed.objects() as Record<string, unknown>[];
}

/** G2: accounts created after the end of the as_of day do not exist. Null segment → `unknown` (G5). */
export function readAccounts(dataDir: string, asOf: string): { valid: Set<string>; live: Account[] } {
  const end = Date.parse(`${asOf}T23:59:59.999Z`);
  const valid = new Set<string>();
  const live: Account[] = [];
  for (const row of readCsv(join(dataDir, 'accounts.csv'))) {
    const id = text(row.account_id);
    const created = Date.parse(String(row.created_at ?? ''));
    if (id === null || Number.isNaN(created)) continue;
    valid.add(id);
    if (created <= end) live.push({ account_id: id, segment: text(row.segment) ?? 'unknown' });
  }
  return { valid, live };
}

/** Per currency, its rates sorted by date; a duplicate (date, currency) or rate ≤ 0 is quarantined. */
export function readFxRates(
  dataDir: string,
  reporting: string,
): Map<string, { date: string; rate: number }[]> {
  const byCurrency = new Map<string, { date: string; rate: number }[]>();
  const seen = new Set<string>();
  for (const line of readFileSync(join(dataDir, 'fx_rates.jsonl'), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const row = JSON.parse(line);
    const currency = String(row.currency ?? '').toUpperCase();
    const rate = Number(row.rate);
    if (!DATE.test(row.date) || !(rate > 0) || currency === reporting || seen.has(`${row.date}|${currency}`))
      continue;
    seen.add(`${row.date}|${currency}`);
    const rates = byCurrency.get(currency) ?? [];
    rates.push({ date: row.date, rate });
    byCurrency.set(currency, rates);
  }
  for (const rates of byCurrency.values()) rates.sort((a, b) => (a.date < b.date ? -1 : 1));
  return byCurrency;
}

/** The rate on the latest date <= day (binary search), or null: a `no_fx_rate` row error. */
function rateOn(rates: { date: string; rate: number }[] | undefined, day: string): number | null {
  if (!rates) return null;
  let lo = 0;
  let hi = rates.length - 1;
  let found: number | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (rates[mid]!.date <= day) {
      found = rates[mid]!.rate;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * Valid subscription periods of live accounts, converted. Row errors (wrong type, unknown interval,
 * negative amount, orphan account, no fx rate, end <= start, overlap within a subscription) drop the row.
 */
export function readPeriods(
  dataDir: string,
  accounts: { valid: Set<string>; live: Account[] },
  fx: Map<string, { date: string; rate: number }[]>,
  reporting: string,
): Period[] {
  const live = new Set(accounts.live.map((a) => a.account_id));
  const candidates: (Period & { sub: string; order: number })[] = [];
  readCsv(join(dataDir, 'subscriptions.csv')).forEach((row, order) => {
    const sub = text(row.subscription_id);
    const account = text(row.account_id);
    const interval = text(row.billing_interval);
    const amount = text(row.amount);
    const currency = text(row.currency)?.toUpperCase() ?? null;
    const start = text(row.start_date);
    const end = text(row.end_date);
    const trial = /^(true|1)$/i.test(text(row.is_trial) ?? '');
    if (!sub || !account || !text(row.plan) || !interval || !amount || !currency || !start) return;
    if (!(interval in MONTHS) || !MONEY.test(amount) || !/^[A-Z]{3}$/.test(currency) || !DATE.test(start))
      return;
    if (end !== null && (!DATE.test(end) || end <= start)) return;
    if (!accounts.valid.has(account)) return;
    const rate = currency === reporting ? 1 : rateOn(fx.get(currency), start);
    if (rate === null) return;
    const mrr = trial ? 0 : (Number(amount) / MONTHS[interval]!) * rate;
    candidates.push({ sub, order, account_id: account, start, end, mrr });
  });
  // overlapping_period: of two overlapping periods of a subscription the later start is quarantined.
  candidates.sort((a, b) =>
    a.sub < b.sub
      ? -1
      : a.sub > b.sub
        ? 1
        : a.start < b.start
          ? -1
          : a.start > b.start
            ? 1
            : a.order - b.order,
  );
  const periods: Period[] = [];
  let sub = '';
  let maxEnd = '';
  for (const p of candidates) {
    if (p.sub !== sub) {
      sub = p.sub;
      maxEnd = '';
    }
    // The check's window spans every otherwise-valid earlier period, the quarantined ones included.
    const overlaps = p.start < maxEnd;
    maxEnd = p.end === null ? '9999-12-31' : p.end > maxEnd ? p.end : maxEnd;
    if (!overlaps && live.has(p.account_id))
      periods.push({ account_id: p.account_id, start: p.start, end: p.end, mrr: p.mrr });
  }
  return periods;
}
