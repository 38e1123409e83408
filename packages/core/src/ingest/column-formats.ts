import { doubleOfDigits, fullMatch } from './judging-forms.js';
import type { ColumnFormat, SourceColumn } from './source-definition.js';
import { sqlString } from './sql-text.js';

/**
 * `sources.<source>.formats` of pulse.config.json: how a vendor writes a column's values. Timestamps,
 * dates and months (read as the month of the day): `iso` (the contract's own, the default), `epoch_s`, `epoch_ms`, or a DuckDB strptime pattern
 * (`%d/%m/%Y %H:%M`, anything holding a `%`), or a list of these, tried in order, for an export that
 * writes one column in several spellings (a value is read by the first that parses it). Money: `decimal`
 * (the default) or `minor_units`, an integer in the currency's smallest unit (ISO 4217 exponent, from
 * the row's currency).
 */
export const EPOCH_FORMATS = ['epoch_s', 'epoch_ms'] as const;

/** ISO 4217 currencies whose minor unit is not a hundredth (every other one: 2 decimals). */
const EXPONENTS: Readonly<Record<number, readonly string[]>> = {
  0: [
    'BIF',
    'CLP',
    'DJF',
    'GNF',
    'ISK',
    'JPY',
    'KMF',
    'KRW',
    'PYG',
    'RWF',
    'UGX',
    'UYI',
    'VND',
    'VUV',
    'XAF',
    'XOF',
    'XPF',
  ],
  3: ['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND'],
  4: ['CLF', 'UYW'],
};

/**
 * The ISO 4217 exponent (decimals of the minor unit) of the currency code that the SQL expression
 * `code` yields, case-insensitively: 2 unless listed above. The Stripe preset and the bench's
 * vendor-layout writer use it too, so their minor units are the ones ingestion divides by.
 */
export function currencyExponentSql(code: string): string {
  const upper = `upper(${code})`;
  const whens = Object.entries(EXPONENTS).map(
    ([digits, codes]) => `when ${upper} in (${codes.map(sqlString).join(', ')}) then ${digits}`,
  );
  return `(case ${whens.join(' ')} else 2 end)`;
}

/** A format `column` may take, else why not (for the config schema). */
export function formatProblem(column: SourceColumn, format: ColumnFormat): string | undefined {
  if (typeof format !== 'string') return formatListProblem(column, format);
  if (isInstantColumn(column)) {
    if (format === 'iso' || (EPOCH_FORMATS as readonly string[]).includes(format)) return;
    if (format.includes('%')) return strptimeProblem(format);
    return `unknown format "${format}" for a ${String(column.type)} column: use iso, epoch_s, epoch_ms or a strptime pattern such as %d/%m/%Y %H:%M`;
  }
  if (column.type === 'money') {
    if (format === 'decimal' || format === 'minor_units') return;
    return `unknown format "${format}" for a money column: use decimal or minor_units`;
  }
  return `formats apply to timestamp, date, month and money columns; ${column.name} is ${typeof column.type === 'object' ? 'an enum' : column.type}`;
}

/**
 * Columns holding an instant or a day: timestamps, dates, and months (the contract's spend.month is
 * `YYYY-MM` or a date, its month used: an export writing `15/01/2024` is read with a date pattern).
 */
function isInstantColumn(column: SourceColumn): boolean {
  return column.type === 'timestamp' || column.type === 'date' || column.type === 'month';
}

/** Lists are for the spellings of one instant; money has one spelling per export. */
function formatListProblem(column: SourceColumn, formats: readonly string[]): string | undefined {
  if (!isInstantColumn(column))
    return `a list of formats is for timestamp, date and month columns; give ${column.name} one format`;
  if (formats.length === 0)
    return 'an empty list of formats: give at least one (iso, epoch_s, epoch_ms or a strptime pattern)';
  for (const [index, format] of formats.entries()) {
    const problem = formatProblem(column, format);
    if (problem) return problem;
    // A second try of the same format reads nothing more, and its reason would list it twice.
    if (formats.indexOf(format) < index)
      return `the format "${format}" is listed twice: list each format once, in the order to try them`;
  }
  return undefined;
}

/** The formats of a column's format, one or several, in the order they are tried. */
export function formatsTried(format: ColumnFormat): readonly string[] {
  return typeof format === 'string' ? [format] : format;
}

/** DuckDB's strptime directives (`%-d` and friends: the same letters without padding). */
const STRPTIME_DIRECTIVES = new Set('aAwudbhBmyYHIpMSfgnzZjUWcxXVG%'.split(''));

/** Why a strptime pattern cannot work, else undefined: an unknown directive or one cut off at the end. */
function strptimeProblem(format: string): string | undefined {
  for (const match of format.matchAll(/%(-?)(.?)/g)) {
    const letter = match[2]!;
    if (STRPTIME_DIRECTIVES.has(letter) && !(match[1] && letter === '%')) continue;
    const shown = letter ? `%${match[1]}${letter}` : '% at the end';
    return `"${format}" is not a strptime pattern: ${shown} is not a directive (e.g. %Y year, %m month, %d day, %H:%M:%S time, %z offset)`;
  }
  return undefined;
}

/**
 * The typed value of a non-null text `v` read in `format` (one of the column's), NULL when it does not
 * parse; undefined for the contract's own format (iso, decimal). `currency` is the row's currency text
 * (minor units).
 */
export function formattedValue(
  column: SourceColumn,
  format: string,
  v: string,
  currency: string | undefined,
): string | undefined {
  if (format === 'iso' || format === 'decimal') return undefined;
  if (format === 'minor_units') {
    const exponent = currencyExponentSql(currency ?? 'NULL');
    return `(case when ${fullMatch(v, '[+-]?\\d{1,18}')} then ${doubleOfDigits(v)} / power(10, ${exponent}) end)`;
  }
  let instant: string;
  if (format === 'epoch_s' || format === 'epoch_ms') {
    const seconds = format === 'epoch_s' ? doubleOfDigits(v) : `${doubleOfDigits(v)} / 1000`;
    // Within ±3,000 years of 1970: beyond, to_timestamp fails instead of giving NULL. (A CASE inside, so
    // PostgreSQL casts only what the pattern let through.)
    instant = `(case when ${fullMatch(v, '[+-]?\\d+(\\.\\d+)?')} then case when abs(${seconds}) < 9.4e10
                  then to_timestamp(${seconds})::timestamp end end)`;
  } else {
    // Digits past the microsecond are cut before %n reads them: strptime would round them, and
    // 23:59:59.9999999 would become the next day (and month). The contract's ISO reading cuts them too.
    const text = format.includes('%n') ? `regexp_replace(${v}, '(\\.\\d{6})\\d+', '\\1')` : v;
    instant = `try_cast(try_strptime(${text}, ${sqlString(format)}) as timestamp)`;
  }
  if (column.type === 'date') return `(${instant})::date`;
  if (column.type === 'month') return `date_trunc('month', (${instant})::date)::date`;
  return instant;
}

/**
 * Whether a time format reads wall-clock times, which a source's `time_zone` places: ISO (its values with
 * Z or an offset name their zone and are judged per value), or a strptime pattern that takes no zone from
 * the value. A pattern names the zone with %z or %Z, or as literal text: BigQuery's `… UTC` (the shipped
 * Segment and Zendesk layouts), a trailing `Z`, a written `+00:00`. Epochs are instants.
 */
export function readsWallClockTime(format: string): boolean {
  if ((EPOCH_FORMATS as readonly string[]).includes(format)) return false;
  if (!format.includes('%')) return format === 'iso';
  if (/%[zZ]/.test(format)) return false;
  const literal = format.replace(/%-?./g, ' ');
  return !/(^|[^A-Za-z])(UTC|GMT|Z)([^A-Za-z]|$)|[+-]\d\d:?\d\d/.test(literal);
}

/** The reason sentence's ending for a value that is not in the declared format (or in none of them). */
export function formatExplanation(format: ColumnFormat): string {
  if (typeof format !== 'string')
    return format.length === 1
      ? formatExplanation(format[0]!)
      : `does not match any of the formats ${format.join(', ')}`;
  if (format === 'epoch_s') return 'is not an epoch-seconds value (seconds since 1970-01-01 UTC)';
  if (format === 'epoch_ms') return 'is not an epoch-milliseconds value (milliseconds since 1970-01-01 UTC)';
  if (format === 'minor_units') return 'is not a whole amount in minor units (e.g. cents: 4990 for 49.90)';
  return `does not match the format ${format}`;
}
