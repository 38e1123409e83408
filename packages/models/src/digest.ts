import type { DigestContext, TargetResult } from '@pulse/core';
import { HEALTH_BANDS, type HealthBand } from './marts/health-bands.js';

/**
 * The customer-success digest: the latest complete month in a few plain sentences (Markdown), ready to
 * paste into an email or chat. Built from the exported marts only, with no clock and no randomness, so
 * `pulse digest` and the report site's overview (run_results.json `digest`) say the same for the same
 * marts. Every figure is the `all` segment's and is read from a mart, never recomputed here: MRR and its
 * change (`mrr_monthly.net_new_mrr`, `mrr_growth_rate`), the biggest movers (`mrr_movers`), logo churn and
 * its config target, NRR and GRR, the renewals due in the 90 days after as_of (`renewals_upcoming`), the
 * accounts whose health band fell from healthy to at risk or critical (`health_scores`).
 */
export async function customerSuccessDigest(context: DigestContext): Promise<string> {
  const { asOf, month } = context;
  if (asOf === null || month === null)
    return '## Customer success digest\n\nNo as_of date is known for these marts: there is no month to summarise.';
  const previous = previousMonth(month);
  const currency = currencyOf(context.vars);
  const money = (value: number) => formatMoney(value, currency);
  const lines = [
    `## Customer success digest: ${monthName(month)}`,
    '',
    `${monthName(month)} is the latest complete month as of ${asOf}. Figures are for all segments` +
      `${currency ? `, amounts in ${currency}` : ''}.`,
    '',
  ];
  const bullets: string[] = [];
  const monthly = await mrrMonthly(context, month, previous);
  bullets.push(mrrLine(monthly, month, previous, money));
  bullets.push(...(await moverLines(context, month, money)));
  bullets.push(churnLine(monthly, month, context.targets));
  bullets.push(nrrLine(monthly, month));
  bullets.push(...otherTargetLines(context.targets));
  bullets.push(await renewalsLine(context, asOf, money));
  bullets.push(await fellLine(context, month, previous, money));
  return [...lines, ...bullets.map((bullet) => `- ${bullet}`)].join('\n');
}

interface MrrMonth {
  readonly month: string;
  readonly mrr: number;
  readonly net_new_mrr: number;
  readonly mrr_growth_rate: number | null;
  readonly start_accounts: number;
  readonly churned_accounts: number;
  readonly logo_churn_rate: number | null;
  readonly nrr: number | null;
  readonly grr: number | null;
}

/** The `all` rows of mrr_monthly for the month and the one before; null when the mart is missing. */
async function mrrMonthly(
  context: DigestContext,
  month: string,
  previous: string,
): Promise<{ current?: MrrMonth; previous?: MrrMonth } | null> {
  const mart = context.mart('mrr_monthly');
  if (mart === null) return null;
  const rows = await context.query<MrrMonth>(
    `select strftime(month, '%Y-%m-%d') as month, mrr::double as mrr, net_new_mrr::double as net_new_mrr,
            mrr_growth_rate::double as mrr_growth_rate, start_accounts::integer as start_accounts,
            churned_accounts::integer as churned_accounts, logo_churn_rate::double as logo_churn_rate,
            nrr::double as nrr, grr::double as grr
     from ${mart} where segment = 'all' and month in ($1::date, $2::date)`,
    [month, previous],
  );
  return { current: rows.find((r) => r.month === month), previous: rows.find((r) => r.month === previous) };
}

function mrrLine(
  monthly: Awaited<ReturnType<typeof mrrMonthly>>,
  month: string,
  previous: string,
  money: (value: number) => string,
): string {
  if (monthly === null) return 'MRR: not available (the mrr_monthly mart is missing).';
  const { current } = monthly;
  if (!current) return `MRR: no revenue in ${monthName(month)}.`;
  const level = `MRR: ${money(current.mrr)} at the end of ${monthName(month)}`;
  if (!monthly.previous)
    return `${level}, the first month with revenue: there is no month before to compare with.`;
  const change = current.net_new_mrr;
  if (change === 0) return `${level}, unchanged on ${monthName(previous)}.`;
  const rate = current.mrr_growth_rate === null ? '' : ` (${signed(formatPercent(current.mrr_growth_rate))})`;
  return `${level}, ${change > 0 ? 'up' : 'down'} ${money(Math.abs(change))}${rate} on ${monthName(previous)}.`;
}

interface Mover {
  readonly name: string;
  readonly movement: string;
  readonly mrr_change: number;
}

const MOVEMENT_WORDS: Readonly<Record<string, string>> = {
  new: 'new',
  reactivation: 'reactivated',
  expansion: 'expansion',
  contraction: 'contraction',
  churn: 'churned',
};

/** The three largest gains (new, reactivation, expansion) and losses (contraction, churn) of the month. */
async function moverLines(
  context: DigestContext,
  month: string,
  money: (value: number) => string,
): Promise<string[]> {
  const mart = context.mart('mrr_movers');
  if (mart === null) return ['Biggest movers: not available (the mrr_movers mart is missing).'];
  const movers = (direction: 'gains' | 'losses') =>
    context.query<Mover>(
      `select coalesce(account_name, account_id) as name, movement, mrr_change::double as mrr_change
       from ${mart}
       where segment = 'all' and month = $1::date and mrr_change ${direction === 'gains' ? '>' : '<'} 0
       order by abs(mrr_change) desc, account_id
       limit 3`,
      [month],
    );
  const list = (rows: readonly Mover[]) =>
    rows.length === 0
      ? 'none.'
      : `${rows
          .map(
            (row) =>
              `${markdownText(row.name)} ${signedMoney(row.mrr_change, money)} (${MOVEMENT_WORDS[row.movement] ?? row.movement})`,
          )
          .join(', ')}.`;
  return [`Biggest gains: ${list(await movers('gains'))}`, `Biggest losses: ${list(await movers('losses'))}`];
}

const CHURN_METRIC = 'mrr_monthly.logo_churn_rate';

const isChurnTarget = (target: TargetResult) => target.metric === CHURN_METRIC && target.segment === 'all';

function churnLine(
  monthly: Awaited<ReturnType<typeof mrrMonthly>>,
  month: string,
  targets: readonly TargetResult[],
): string {
  if (monthly === null) return 'Logo churn: not available (the mrr_monthly mart is missing).';
  const { current } = monthly;
  const target = targets.find(isChurnTarget);
  const judged = target ? `; ${targetWords(target)}` : '';
  if (!current) return `Logo churn: no data for ${monthName(month)}${judged}.`;
  if (current.logo_churn_rate === null)
    return `Logo churn: no paying accounts at the start of ${monthName(month)}, so no rate${judged}.`;
  const accounts = `${current.churned_accounts} of ${count(current.start_accounts, 'account')}`;
  return `Logo churn: ${formatPercent(current.logo_churn_rate)} (${accounts} paying at the start of the month)${judged}.`;
}

/** "target below 5.0%: met", in the unit of the metric (rates as percentages). */
function targetWords(target: TargetResult): string {
  const bound = `target ${target.operator === '<' ? 'below' : 'above'} ${formatPercent(target.threshold)}`;
  switch (target.status) {
    case 'met':
      return `${bound}: met`;
    case 'breached':
      return `${bound}: BREACHED`;
    case 'no_data':
      return `${bound}: not judged (no value)`;
    case 'error':
      return `${bound}: cannot be evaluated`;
  }
}

// Named "1 month" as the overview's cards name theirs "12 months": the digest's bare "NRR" of the month
// read as the cards' yearly figure, several points apart.
function nrrLine(monthly: Awaited<ReturnType<typeof mrrMonthly>>, month: string): string {
  if (monthly === null) return 'NRR, 1 month: not available (the mrr_monthly mart is missing).';
  const { current } = monthly;
  if (!current) return `NRR, 1 month: no data for ${monthName(month)}.`;
  if (current.nrr === null)
    return `NRR, 1 month: no MRR at the start of ${monthName(month)}, so no net revenue retention.`;
  const grr = current.grr === null ? '' : ` (GRR, 1 month: ${formatPercent(current.grr)})`;
  return `NRR, 1 month: ${formatPercent(current.nrr)}${grr}.`;
}

/** Config targets besides the churn one, as `pulse check` words them: one line for all of them. */
function otherTargetLines(targets: readonly TargetResult[]): string[] {
  const others = targets.filter((target) => !isChurnTarget(target));
  if (others.length === 0) return [];
  const failing = others.filter((target) => target.status === 'breached' || target.status === 'error');
  const met = others.filter((target) => target.status === 'met').length;
  // A target with no value to judge (a segment the data lacks) is neither met nor missed: say so.
  const noData = others.filter((target) => target.status === 'no_data').length;
  const head = `Other targets: ${met} of ${others.length} met${noData ? `, ${noData} without data` : ''}`;
  if (failing.length === 0) return [`${head}.`];
  return [`${head}; failing: ${failing.map(failingWords).join('; ')}.`];
}

/** "`mrr_monthly.nrr` is 0.6345, target above 1: BREACHED" (values to 4 significant digits, as `pulse check`). */
function failingWords(target: TargetResult): string {
  const segment = target.segment === 'all' ? '' : ` (${markdownText(target.segment)})`;
  const name = `\`${target.metric.replaceAll('`', '')}\`${segment}`;
  if (target.status === 'error' || target.value === null) return `${name}: cannot be evaluated`;
  const bound = `target ${target.operator === '<' ? 'below' : 'above'} ${significant(target.threshold)}`;
  return `${name} is ${significant(target.value)}, ${bound}: BREACHED`;
}

const significant = (value: number) => String(Number(value.toPrecision(4)));

/** Each band in words, worst first; typed by the bands, so a band added there must be worded here. */
const BAND_WORDS: { readonly [B in HealthBand]: string } = {
  critical: 'critical',
  at_risk: 'at risk',
  healthy: 'healthy',
};
const BANDS: readonly { readonly band: string; readonly words: string }[] = [
  ...HEALTH_BANDS.map((band) => ({ band, words: BAND_WORDS[band] })),
  { band: 'none', words: 'not scored' },
];

async function renewalsLine(
  context: DigestContext,
  asOf: string,
  money: (value: number) => string,
): Promise<string> {
  const head = `Renewals due in the 90 days after ${asOf}`;
  const mart = context.mart('renewals_upcoming');
  if (mart === null) return `${head}: not available (the renewals_upcoming mart is missing).`;
  const rows = await context.query<{ band: string; renewals: number; arr: number; total_arr: number }>(
    // Summed in the mart's key order, so the same rows always give the same last digit.
    `select coalesce(health_band, 'none') as band, count(*)::integer as renewals,
            sum(arr_at_stake order by renewal_date, subscription_id)::double as arr,
            (select sum(arr_at_stake order by renewal_date, subscription_id) from ${mart})::double as total_arr
     from ${mart} group by all`,
  );
  const total = rows.reduce((sum, row) => sum + row.renewals, 0);
  if (total === 0) return `${head}: none.`;
  const arr = rows[0]!.total_arr;
  const byBand = BANDS.flatMap(({ band, words }) => {
    const row = rows.find((candidate) => candidate.band === band);
    return row ? [`${row.renewals} ${words} (${money(row.arr)})`] : [];
  });
  return `${head}: ${count(total, 'renewal')}, ${money(arr)} ARR at stake: ${byBand.join(', ')}.`;
}

const FELL_SHOWN = 3;

async function fellLine(
  context: DigestContext,
  month: string,
  previous: string,
  money: (value: number) => string,
): Promise<string> {
  const head = `Fell from healthy into at risk or critical in ${monthName(month)}`;
  const mart = context.mart('health_scores');
  if (mart === null) return `${head}: not available (the health_scores mart is missing).`;
  const [{ scored } = { scored: 0 }] = await context.query<{ scored: number }>(
    `select count(*)::integer as scored from ${mart} where month = $1::date`,
    [previous],
  );
  if (scored === 0) return `${head}: no health scores for ${monthName(previous)} to compare with.`;
  const movers = context.mart('mrr_movers');
  // Names from the movers (every paying account moved at least once: its `new` month); ids otherwise.
  const names =
    movers === null
      ? 'select null::varchar as account_id, null::varchar as account_name where false'
      : `select account_id, max(account_name) as account_name from ${movers}
         where segment = 'all' and account_id in (select account_id from shown) group by account_id`;
  const rows = await context.query<{ name: string; band: string; mrr: number; fell: number }>(
    `with fell as (
       select cur.account_id, cur.band, cur.mrr
       from ${mart} as cur
       join ${mart} as prev
         on prev.account_id = cur.account_id and prev.month = $2::date and prev.band = 'healthy'
       where cur.month = $1::date and cur.band in ('at_risk', 'critical')
     ),
     shown as (select * from fell order by mrr desc, account_id limit ${FELL_SHOWN}),
     names as (${names})
     select coalesce(names.account_name, shown.account_id) as name, shown.band, shown.mrr::double as mrr,
            (select count(*) from fell)::integer as fell
     from shown left join names on names.account_id = shown.account_id
     order by shown.mrr desc, shown.account_id`,
    [month, previous],
  );
  const fell = rows[0]?.fell ?? 0;
  if (fell === 0) return `${head}: none.`;
  const shown = rows.map(
    (row) => `${markdownText(row.name)} (${money(row.mrr)} MRR, ${bandWords(row.band)})`,
  );
  const more = fell > rows.length ? ` and ${fell - rows.length} more` : '';
  return `${head}: ${count(fell, 'account')}, the largest by MRR: ${shown.join(', ')}${more}.`;
}

const bandWords = (band: string) => BANDS.find((b) => b.band === band)?.words ?? band;

// Formatting: the report site's conventions (apps/reports/src/components/format.js), in words.

function currencyOf(vars: unknown): string | null {
  const value = (vars as { reportingCurrency?: unknown } | null)?.reportingCurrency;
  return typeof value === 'string' && /^[A-Za-z]{3}$/.test(value) ? value.toUpperCase() : null;
}

/** Whole units of the reporting currency, as the site's tables show them: $12,345. */
export function formatMoney(value: number, currency: string | null): string {
  return moneyFormatOf(currency).format(value);
}

/** One formatter per currency: constructing an Intl.NumberFormat costs far more than formatting a number. */
const moneyFormats = new Map<string | null, Intl.NumberFormat>();

function moneyFormatOf(currency: string | null): Intl.NumberFormat {
  let format = moneyFormats.get(currency);
  if (format === undefined) {
    format = new Intl.NumberFormat('en-US', {
      maximumFractionDigits: 0,
      minimumFractionDigits: 0,
      ...(currency ? { style: 'currency', currency } : {}),
    });
    moneyFormats.set(currency, format);
  }
  return format;
}

/** A fraction as a percentage with one decimal, as the site shows rates: 0.0512 → 5.1%. */
export function formatPercent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

/** "+$1,200" or "−$300" (the site's minus sign). */
function signedMoney(value: number, money: (value: number) => string): string {
  return `${value < 0 ? '−' : '+'}${money(Math.abs(value))}`;
}

function signed(percent: string): string {
  return percent.startsWith('-') ? `−${percent.slice(1)}` : `+${percent}`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "2026-09-01" → "September 2026" (no Date: the text never depends on the machine's time zone). */
export function monthName(month: string): string {
  return `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}

function previousMonth(month: string): string {
  const year = Number(month.slice(0, 4));
  const index = Number(month.slice(5, 7)) - 1;
  const [y, m] = index === 0 ? [year - 1, 12] : [year, index];
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-01`;
}

/** Text from the data (account names), its Markdown characters escaped so it reads as written. */
export function markdownText(text: string): string {
  return text.replace(/[\\`*_[\]<>]/g, (character) => `\\${character}`).replace(/\s+/g, ' ');
}
