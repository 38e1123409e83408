import { currentSqlEngine } from '../dialect/sql-engine.js';
import { sqlString } from './sql-text.js';

/**
 * The few SQL forms that judging rows needs and that differ between engines. Files are judged by the
 * local DuckDB; a source declared as a PostgreSQL table (table-source.ts) is judged by the same SQL
 * compiled for the server (`withSqlEngine('postgres', …)`). DuckDB's forms are the ones judging always
 * wrote, so its SQL is unchanged; PostgreSQL 15 has neither `regexp_full_match` nor `try_cast`, so there
 * a value is cast only once a pattern has pinned it to something the cast accepts (a cast that fails
 * would abort the whole statement, not give NULL).
 */
const onPostgres = () => currentSqlEngine() === 'postgres';

/** SQL boolean: the whole of `v` matches `pattern` (RE2 on DuckDB, ARE on PostgreSQL; a leading `(?i)` ignores case). */
export function fullMatch(v: string, pattern: string): string {
  if (!onPostgres()) return `regexp_full_match(${v}, '${pattern}')`;
  const caseless = pattern.startsWith('(?i)');
  const body = caseless ? pattern.slice(4) : pattern;
  return `(${v} ${caseless ? '~*' : '~'} '^(?:${body})$')`;
}

/**
 * PostgreSQL: SQL boolean, TRUE when the text (digits matched as `YYYY-MM-DD` by the contract's pattern)
 * is a real date, so a `::date` cast cannot fail. Year 0 does not exist on PostgreSQL (DuckDB reads it as
 * 1 BC: the one difference, left as is); February 29 only in leap years (the day is added to the first of
 * the month, and the month must not change).
 */
function realDate(text: string): string {
  const d = `(${text})`;
  const month = `substr(${d}, 6, 2)::integer`;
  const day = `substr(${d}, 9, 2)::integer`;
  return `(case when ${month} between 1 and 12 and ${day} between 1 and 31 and left(${d}, 4) <> '0000' then
     extract(month from make_date(left(${d}, 4)::integer, ${month}, 1) + (${day} - 1)) = ${month} end)`;
}

/** The date of a text already matched as `YYYY-MM-DD`, NULL when it is not a real date (2021-02-30). */
export function dateOfText(v: string): string {
  if (!onPostgres()) return `try_cast(${v} as date)`;
  return `(case when ${realDate(v)} then (${v})::date end)`;
}

/** The contract's timestamp spelling, whole and split at whether it carries a numeric offset. */
export interface TimestampPatterns {
  /** Every accepted spelling. */
  readonly whole: string;
  /** The spellings without a numeric offset (none, or Z). */
  readonly withoutOffset: string;
  /** The spellings with one; together with `withoutOffset`, exactly `whole`. */
  readonly withOffset: string;
}

/**
 * The UTC timestamp of a text, NULL when it does not match the contract's `pattern` or is impossible
 * (25:00, 2021-02-30). DuckDB: with an offset through TIMESTAMPTZ (session in UTC), else the cheaper TIMESTAMP
 * cast. PostgreSQL: the parts are taken apart and checked the way DuckDB's casts judge them, so both
 * engines accept exactly the same texts: hours 00–23 (and 24:00 or 24:00:00, the next midnight), minutes
 * and seconds 00–59, fractions cut (not rounded) to microseconds, an offset or Z after the seconds or
 * after the minutes (ISO 8601's `22:00Z`, `22:00+01:00`: DuckDB's casts refuse those, so they are read
 * with `:00` put in), any offset the pattern lets through (RFC 3339's: hours 00–23, minutes 00–59, so
 * +16:00 too, which PostgreSQL's own cast would refuse), subtracted by hand.
 */
export function timestampOfText(v: string, patterns: TimestampPatterns): string {
  const pattern = patterns.whole;
  if (!onPostgres()) {
    // One flat CASE over the two halves of the pattern (most values match the first) instead of matching
    // the whole pattern and then looking for a sign after the date: 1.42 → 1.16 CPU-s over M's 5M timestamps.
    return `(case when ${fullMatch(v, patterns.withoutOffset)} then ${castWithSeconds(v, 'timestamp')}
                  when ${fullMatch(v, patterns.withOffset)} then ${castWithSeconds(v, 'timestamptz')}::timestamp end)`;
  }
  // The text matched the contract's pattern, so its parts sit at known places: date 1–10, hour 12–13,
  // minute 15–16, then `:SS` at 17–19, a fraction, and the zone, which starts at the first Z, + or - after
  // the minutes. Taken with substr and strpos, not a capturing regex (PostgreSQL evaluates an expression
  // at each reference, and dissecting captures costs ~25 µs a row).
  const hour = `substr(${v}, 12, 2)`;
  const minute = `substr(${v}, 15, 2)`;
  const second = `substr(${v}, 18, 2)`;
  const hasSecond = `substr(${v}, 17, 1) = ':'`;
  const hasFraction = `substr(${v}, 20, 1) = '.'`;
  const zoneAt = `(case strpos(translate(substr(${v}, 17), 'zZ+-', '####'), '#') when 0 then length(${v}) + 1
                    else 16 + strpos(translate(substr(${v}, 17), 'zZ+-', '####'), '#') end)`;
  const zone = `upper(substr(${v}, ${zoneAt}))`;
  // Seconds and at most six decimals: DuckDB cuts a longer fraction, where PostgreSQL would round it.
  const seconds = `left(substr(${v}, 18, ${zoneAt} - 18), 9)::double precision`;
  const offset = `(case when ${zone} in ('', 'Z') then interval '0'
       else (case left(${zone}, 1) when '-' then -1 else 1 end)
            * (substr(${zone}, 2, 2)::integer * interval '1 hour'
               + coalesce(nullif(replace(substr(${zone}, 4), ':', ''), ''), '0')::integer * interval '1 minute') end)`;
  const valid = `(case when length(${v}) = 10 then ${realDate(v)}
       when not coalesce(${realDate(`left(${v}, 10)`)}, false) then false
       when ${hasSecond} then (case when ${hour} = '24' then ${minute} = '00' and ${second} = '00' and not ${hasFraction}
                                 else ${hour}::integer <= 23 and ${minute}::integer <= 59 and ${second}::integer <= 59 end)
       else (length(${v}) = 16 or ${zoneAt} = 17) and (case when ${hour} = '24' then ${minute} = '00'
                                        else ${hour}::integer <= 23 and ${minute}::integer <= 59 end) end)`;
  // The common spellings (whole seconds or up to six decimals, Z or an offset within ±15:59, as
  // timestamptz::text writes them) go through PostgreSQL's own cast, which reads them as DuckDB does.
  const common = String.raw`^\d{4}-\d{2}-\d{2}[T ]([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?(Z|[+-](0\d|1[0-5])(:?[0-5]\d)?)?$`;
  // Tried first, so most values pay one pattern, not two.
  return `(case when ${v} ~* '${common}' then (case when ${realDate(`left(${v}, 10)`)} then upper(${v})::timestamptz::timestamp end)
                    when not ${fullMatch(v, pattern)} then NULL
                    when ${valid} then
             (case when length(${v}) = 10 then (${v})::date::timestamp
                   else left(${v}, 10)::date + make_interval(hours => ${hour}::integer, mins => ${minute}::integer,
                          secs => (case when ${hasSecond} then ${seconds} else 0 end))
                        - ${offset} end) end)`;
}

/**
 * The UTC timestamp of `local`, a TIMESTAMP that is a wall-clock time in the IANA `zone`. On a daylight
 * saving change, a time that occurs twice is read as the second (standard time), and one that is skipped
 * as standard time too (02:30 on a spring-forward night in New York is 07:30 UTC): DuckDB's ICU and
 * PostgreSQL agree on both.
 */
export function utcOfLocalTime(local: string, zone: string): string {
  if (!onPostgres()) return `timezone('UTC', timezone(${sqlString(zone)}, ${local}))`;
  return `((${local}) at time zone ${sqlString(zone)} at time zone 'UTC')`;
}

/**
 * DuckDB's cast of a text matched as a timestamp, and when that fails on a zone right after the minutes
 * (`22:00Z`, `22:00+01:00`, which DuckDB's casts refuse), the cast of the text with `:00` seconds put in.
 * COALESCE tries the second cast only on the rows the first left NULL: the usual spellings pay nothing.
 */
function castWithSeconds(v: string, type: 'timestamp' | 'timestamptz'): string {
  return `coalesce(try_cast(upper(${v}) as ${type}), case when substr(${v}, 17, 1) not in ('', ':')
            then try_cast(upper(left(${v}, 16) || ':00' || substr(${v}, 17)) as ${type}) end)`;
}

/** A DOUBLE of a text already matched as a decimal number, NULL when it is not finite (1e400). */
export function finiteDoubleOfText(v: string): string {
  if (!onPostgres())
    return `(case when isfinite(try_cast(${v} as double)) then try_cast(${v} as double) end)`;
  // Through NUMERIC, whose input takes exponents up to ±1000 (longer ones: scaledDoubleOfText). What DuckDB reads as
  // infinite (beyond the largest double, counting its rounding) is NULL; what it reads as zero (below half
  // the smallest subnormal) is zero, where PostgreSQL's own cast would fail on both.
  // NUMERIC holds at most 131,072 digits before the point and 16,383 after. In a longer text (over 1,000
  // characters, so the usual ones pay one length), with its exponent of at most three digits: more than
  // 1,400 digits before the point is infinite (NULL), and decimals after the 15,000th are cut, which
  // changes no double (a digit there is worth less than 1e-14000 times 1e999).
  const long = `length(${v}) > 1000`;
  const mantissa = `split_part(lower(${v}), 'e', 1)`;
  const cut = `(case when ${long} then left(${mantissa}, strpos(${mantissa} || '.', '.') + 15000)
                     || substr(${v}, length(${mantissa}) + 1) else ${v} end)`;
  return `(case when ${v} ~ '[eE][+-]?\\d{4}' then ${scaledDoubleOfText(v)}
                when ${long} and length(split_part(ltrim(${mantissa}, '+-0'), '.', 1)) > 1400 then NULL
                when abs(${cut}::numeric) >= 1.797693134862315807937e308 then NULL
                when abs(${cut}::numeric) <= 2.4703282292062327e-324 then 0::double precision
                else ${cut}::double precision end)`;
}

/**
 * PostgreSQL: a DOUBLE of a decimal text whose exponent has four digits or more (`5e-0002`, `1e-2000`),
 * beyond what NUMERIC's input takes (±1000). The digits are moved so that the exponent becomes the
 * number's own order of magnitude: `0.<significant digits>e<k>`. Below 1e-324 that is zero and from 1e309
 * on infinite (NULL), as DuckDB reads them; in between NUMERIC holds it, so `1<2,000 zeros>e-2000` is 1.
 */
function scaledDoubleOfText(v: string): string {
  const lower = `lower(${v})`;
  const mantissa = `ltrim(split_part(${lower}, 'e', 1), '+-')`;
  const whole = `ltrim(split_part(${mantissa}, '.', 1), '0')`;
  const fraction = `split_part(${mantissa}, '.', 2)`;
  const digits = `ltrim(${whole} || ${fraction}, '0')`;
  const exponentText = `split_part(${lower}, 'e', 2)`;
  const exponentDigits = `ltrim(${exponentText}, '+-0')`;
  const exponent = `(case when ${exponentText} like '-%' then -1 else 1 end) * coalesce(nullif(${exponentDigits}, ''), '0')::bigint`;
  // The order of magnitude of the mantissa: digits before its point, or minus the zeros after it.
  const ownOrder = `(case when ${whole} <> '' then length(${whole})
                          else length(${digits}) - length(${fraction}) end)`;
  const order = `(${ownOrder} + ${exponent})`;
  const sign = `(case when split_part(${lower}, 'e', 1) like '-%' then '-' else '' end)`;
  const scaled = `(${sign} || '0.' || left(${digits}, 15000) || 'e' || ${order})::numeric`;
  return `(case when ${digits} = '' then 0::double precision
                when length(${exponentDigits}) > 9 then (case when ${exponentText} like '-%' then 0::double precision end)
                when ${order} > 309 then NULL
                when ${order} < -324 then 0::double precision
                when abs(${scaled}) >= 1.797693134862315807937e308 then NULL
                when abs(${scaled}) <= 2.4703282292062327e-324 then 0::double precision
                else ${scaled}::double precision end)`;
}

/** An INTEGER of a text already matched as a whole number without its `.0`, NULL beyond 32 bits. */
export function integerOfText(v: string): string {
  if (!onPostgres()) return `try_cast(${v} as integer)`;
  // Digits beyond NUMERIC's 131,072 would fail the cast: over ten significant digits is beyond 32 bits anyway.
  return `(case when length(ltrim(${v}, '+-0')) > 10 then NULL
                when ${v}::numeric between -2147483648 and 2147483647 then ${v}::integer end)`;
}

/**
 * A DOUBLE of a text already matched as digits, optionally with a fraction (an epoch or an amount in
 * minor units). PostgreSQL's casts fail on what DuckDB's try_cast reads: beyond ±1.8e308 (DuckDB:
 * infinity) and beyond 16,383 decimals (numeric's limit; DuckDB reads them). More than 308 digits before
 * the point is NULL there (no epoch or amount is that long: both engines then read no value), and the
 * decimals are cut at 1,000, more than any double holds.
 */
export function doubleOfDigits(v: string): string {
  if (!onPostgres()) return `try_cast(${v} as double)`;
  return `(case when length(split_part(ltrim(${v}, '+-0'), '.', 1)) <= 308
                then left(${v}, strpos(${v} || '.', '.') + 1000)::numeric::double precision end)`;
}

/** A timestamp's date as `YYYY-MM-DD` text, for reason sentences (row checks of a project's sources). */
export function isoDateText(date: string): string {
  if (!onPostgres()) return `strftime(${date}, '%Y-%m-%d')`;
  return `to_char(${date}, 'YYYY-MM-DD')`;
}

/** A timestamp as `YYYY-MM-DDTHH:MM:SSZ` text, for reason sentences. */
export function isoTimestampText(timestamp: string): string {
  if (!onPostgres()) return `strftime(${timestamp}, '%Y-%m-%dT%H:%M:%SZ')`;
  return `to_char(${timestamp}, 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
}

/** A row's problem: its column, reason code and reason, as one value (NULL for a valid row). */
export function problemValue(column: string, code: string, reason: string): string {
  if (!onPostgres()) return `struct_pack("column" := ${column}, code := ${code}, reason := ${reason})`;
  // No anonymous structs on PostgreSQL: a text array, read back by position (problemField).
  return `array[${column}, ${code}, ${reason}]::text[]`;
}

/** One field of a problemValue. */
export function problemField(problem: string, field: 'column' | 'code' | 'reason'): string {
  if (!onPostgres()) return field === 'column' ? `${problem}."column"` : `${problem}.${field}`;
  return `${problem}[${{ column: 1, code: 2, reason: 3 }[field]}]`;
}
