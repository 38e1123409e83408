import { currentSqlEngine } from '../dialect/sql-engine.js';

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

/** Day and month digits of a real calendar date, as a pattern (the day's fit to its month is checked apart). */
const DATE_DIGITS = String.raw`\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])`;

/**
 * PostgreSQL: SQL boolean, TRUE when the text `d` (exactly `YYYY-MM-DD`) is a real date, so `d::date`
 * cannot fail. Year 0 does not exist on PostgreSQL; February 29 only in leap years (the day is added to
 * the first of the month, and the month must not change).
 */
function realDate(text: string): string {
  const d = `(${text})`;
  return `(case when ${d} ~ '^${DATE_DIGITS}$' and left(${d}, 4) <> '0000' then
     extract(month from make_date(left(${d}, 4)::integer, substr(${d}, 6, 2)::integer, 1) + (substr(${d}, 9, 2)::integer - 1))
       = substr(${d}, 6, 2)::integer end)`;
}

/** The date of a text already matched as `YYYY-MM-DD`, NULL when it is not a real date (2021-02-30). */
export function dateOfText(v: string): string {
  if (!onPostgres()) return `try_cast(${v} as date)`;
  return `(case when ${realDate(v)} then (${v})::date end)`;
}

/**
 * The UTC timestamp of a text already matched as an ISO 8601 timestamp, NULL when impossible (25:00,
 * 2021-02-30). DuckDB: with an offset through TIMESTAMPTZ (session in UTC), else the cheaper TIMESTAMP
 * cast. PostgreSQL: hours 00–23, minutes and seconds 00–59, offsets up to ±15:59 (what both engines
 * accept), then through timestamptz in the UTC session.
 */
export function timestampOfText(v: string): string {
  if (!onPostgres()) {
    return `case when strpos(substr(${v}, 11), '+') = 0 and strpos(substr(${v}, 11), '-') = 0 then try_cast(upper(${v}) as timestamp)
                      else try_cast(upper(${v}) as timestamptz)::timestamp end`;
  }
  const time = String.raw`([t ]([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(z|[+-](0\d|1[0-5])(:?[0-5]\d)?)?)?`;
  return `case when ${v} ~* '^\\d{4}-\\d{2}-\\d{2}${time}$' and ${realDate(`left(${v}, 10)`)}
                      then upper(${v})::timestamptz::timestamp end`;
}

/** A DOUBLE of a text already matched as a decimal number, NULL when it is not finite (1e400). */
export function finiteDoubleOfText(v: string): string {
  if (!onPostgres())
    return `(case when isfinite(try_cast(${v} as double)) then try_cast(${v} as double) end)`;
  // Through NUMERIC, which takes any such text (exponents are capped first: NUMERIC stops near 1e131072).
  return `(case when ${v} !~ '[eE][+-]?\\d{4}' and abs(${v}::numeric) <= 1.7976931348623157e308 then ${v}::double precision end)`;
}

/** An INTEGER of a text already matched as a whole number without its `.0`, NULL beyond 32 bits. */
export function integerOfText(v: string): string {
  if (!onPostgres()) return `try_cast(${v} as integer)`;
  return `(case when ${v}::numeric between -2147483648 and 2147483647 then ${v}::integer end)`;
}

/** A DOUBLE of a text already matched as digits (an epoch or an amount in minor units). */
export function doubleOfDigits(v: string): string {
  if (!onPostgres()) return `try_cast(${v} as double)`;
  return `${v}::numeric::double precision`;
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
