import { formatExplanation, formatsTried, formattedValue, readsWallClockTime } from './column-formats.js';
import { isCurrencyCodeSql } from './currency-codes.js';
import {
  dateOfText,
  finiteDoubleOfText,
  fullMatch,
  integerOfText,
  timestampOfText,
  utcOfLocalTime,
} from './judging-forms.js';
import {
  columnLabel,
  type SourceColumn,
  type SourceColumnType,
  type ValueRange,
} from './source-definition.js';
import { sqlLiteral, sqlString } from './sql-text.js';

/**
 * SQL that reads one text column into its contract type. Parsing is regex-then-TRY_CAST: the regex pins
 * the accepted spelling (DuckDB's casts are more lenient: `2021/01/05` is a date to DuckDB, a named time
 * zone is a timestamp), TRY_CAST turns impossible values (2021-02-30) into NULL. A NULL from a non-null
 * text is a `wrong_type` (or `unknown_value`) problem.
 */

const DATE = String.raw`\d{4}-\d{2}-\d{2}`;
/** A UTC offset as RFC 3339 writes one: hours 00–23, minutes 00–59 (`+25:00` is no offset). */
const OFFSET = String.raw`[+-]([01]\d|2[0-3])(:?[0-5]\d)?`;
const TIMESTAMP = String.raw`(?i)\d{4}-\d{2}-\d{2}([t ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(z|${OFFSET})?)?`;
/** TIMESTAMP without a numeric offset (none, or Z), and TIMESTAMP with one: together, exactly TIMESTAMP. */
const TIMESTAMP_LOCAL = String.raw`(?i)\d{4}-\d{2}-\d{2}([t ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?z?)?`;
const TIMESTAMP_OFFSET = String.raw`(?i)\d{4}-\d{2}-\d{2}[t ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?${OFFSET}`;
const NUMBER = String.raw`[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?`;
const WHOLE_NUMBER = String.raw`[+-]?\d+(\.0*)?`;
const MONTH = String.raw`\d{4}-\d{2}`;

/**
 * Spaces around a value are an export artefact, never data: trimmed for every type but free text.
 * (Only spaces: DuckDB's trim with a character list costs as much as parsing a timestamp.)
 */
export function normalizedText(column: SourceColumn, text: string): string {
  const normalized = column.type === 'string' ? `nullif(${text}, '')` : `nullif(${spacesTrimmed(text)}, '')`;
  const pairs = Object.entries(column.valueMap ?? {});
  if (pairs.length === 0) return normalized;
  // A vendor's spelling of a value (pulse.config.json `sources.<source>.values`), before any judging. The
  // canonical value is then read as any value of the export: spaces around it trimmed (but in free text),
  // and empty is NULL (a vendor's `n/a` mapped to "" is a missing value, judged as one).
  const whens = pairs.map(([vendor, canonical]) => {
    const value = column.type === 'string' ? canonical : canonical.replace(/^ +| +$/g, '');
    return `when ${sqlString(vendor.trim())} then ${value === '' ? 'NULL' : sqlString(value)}`;
  });
  return `(case trim(${text}) ${whens.join(' ')} else ${normalized} end)`;
}

/**
 * `trim(text)`, run only on values that start or end with a space: trim copies every string it is given,
 * and almost no value needs it (at L, 2.3 of the 12.1 CPU-s of judging and loading 10M events, 0.6 s this way).
 */
function spacesTrimmed(text: string): string {
  return `(case when ${text} like ' %' or ${text} like '% ' then trim(${text}) else ${text} end)`;
}

/** The typed value of a non-null normalized text `v`, NULL when it does not parse. */
export function parseValue(type: SourceColumnType, v: string): string {
  if (typeof type === 'object') {
    // Exactly as listed: the contract folds the case of currency codes and header names only, so `Month`
    // or `PAID` is a value outside the enum (a vendor's spelling is respelled by `values` in the config).
    return `(case when ${v} in (${type.enum.map(sqlString).join(', ')}) then ${v} end)`;
  }
  switch (type) {
    case 'id':
    case 'string':
      return v;
    case 'currency':
      // Upper-cased on read; only ISO 4217's codes (XYZ has the shape of one, and is not).
      return `(case when ${isCurrencyCodeSql(v)} then upper(${v}) end)`;
    case 'date':
      return `(case when ${fullMatch(v, DATE)} then ${dateOfText(v)} end)`;
    case 'month':
      return (
        `(case when ${fullMatch(v, MONTH)} then ${dateOfText(`${v} || '-01'`)} ` +
        `when ${fullMatch(v, DATE)} then date_trunc('month', ${dateOfText(v)})::date end)`
      );
    case 'timestamp':
      // With an offset: through TIMESTAMPTZ (session time zone UTC), as a TIMESTAMP cast would drop it.
      // Without one (or Z): the TIMESTAMP cast, several times cheaper on event-sized sources.
      return timestampOfText(v, {
        whole: TIMESTAMP,
        withoutOffset: TIMESTAMP_LOCAL,
        withOffset: TIMESTAMP_OFFSET,
      });
    case 'money':
    case 'decimal':
      return `(case when ${fullMatch(v, NUMBER)} then ${finiteDoubleOfText(v)} end)`;
    case 'integer':
      return `(case when ${fullMatch(v, WHOLE_NUMBER)} then ${integerOfText(`regexp_replace(${v}, '\\.0*$', '')`)} end)`;
    case 'boolean':
      return `(case lower(${v}) when 'true' then true when '1' then true when 'false' then false when '0' then false end)`;
  }
}

/** The column's value as the checks and the raw table see it: parsed, or the default when the text is null. */
export function typedValue(column: SourceColumn, v: string, currency?: string): string {
  const parsed = valueInFormats(column, v, currency);
  if (column.default === undefined) return parsed;
  return `(case when ${v} is null then ${sqlLiteral(column.default)} else ${parsed} end)`;
}

/**
 * The value read in the column's format, or in the first of its formats that parses it (COALESCE reads
 * the next only for the rows still NULL, so values in the first spelling pay for that one alone).
 */
function valueInFormats(column: SourceColumn, v: string, currency: string | undefined): string {
  const readings = formatsTried(column.format ?? 'iso').map((format) =>
    inTimeZone(column, format, v, formattedValue(column, format, v, currency) ?? parseValue(column.type, v)),
  );
  return readings.length === 1 ? readings[0]! : `coalesce(${readings.join(', ')})`;
}

/**
 * A timestamp `reading` of `v` in `format`, moved from the column's time zone (`sources.<source>.time_zone`)
 * to UTC when the value names no zone itself: an ISO value without Z or an offset, or a strptime pattern
 * that reads none (readsWallClockTime; time-zone-reach.ts says which columns that reaches, for `pulse sources`).
 * Without a time zone, such values are UTC (CONTRACT.md).
 */
function inTimeZone(column: SourceColumn, format: string, v: string, reading: string): string {
  const zone = column.timeZone;
  if (zone === undefined || column.type !== 'timestamp' || !readsWallClockTime(format)) return reading;
  if (format.includes('%')) return utcOfLocalTime(reading, zone);
  return `(case when ${fullMatch(v, TIMESTAMP_OFFSET)} or upper(right(${v}, 1)) = 'Z' then ${reading}
                else ${utcOfLocalTime(reading, zone)} end)`;
}

/** `'value'` for a reason sentence, cut at 60 characters so a huge field cannot flood the report. */
export function shownValue(v: string): string {
  return `(case when length(${v}) > 60 then left(${v}, 57) || '...' else ${v} end)`;
}

/** The human sentence for a non-null value that does not parse. */
export function wrongTypeReason(column: SourceColumn, v: string): string {
  const quoted = `${sqlString(`${columnLabel(column)} '`)} || ${shownValue(v)} || `;
  const type = column.type;
  const formats = formatsTried(column.format ?? 'iso');
  if (formats.length > 1 || formattedValue(column, formats[0]!, v, undefined) !== undefined)
    return `${quoted}${sqlString(`' ${formatExplanation(formats)}`)}`;
  if (typeof type === 'object') {
    // The listed value in another case: say which spelling is meant.
    const listed = type.enum.map(sqlString).join(', ');
    return `${quoted}${sqlString(`' is not one of: ${type.enum.join(', ')}`)} ||
      (case when lower(${v}) in (${listed}) then ' (values are matched exactly: write ' || lower(${v}) || ')' else '' end)`;
  }
  const explanation: Record<ScalarType, string> = {
    id: 'is not an id',
    string: 'is not text',
    date: 'is not a date: write it as YYYY-MM-DD',
    month: 'is not a month: write it as YYYY-MM or YYYY-MM-DD',
    timestamp:
      'is not an ISO 8601 timestamp: write it as YYYY-MM-DDTHH:MM:SS, optionally with Z or an offset such as +02:00',
    money:
      'is not a number: write a plain decimal such as 49.90, without currency symbols or thousands separators',
    decimal: 'is not a number: write a plain decimal such as 1.0825',
    integer: 'is not a whole number',
    boolean: 'is not a boolean: use true, false, 1 or 0',
    currency: 'is not a three-letter ISO 4217 currency code such as USD',
  };
  const wellFormed: Partial<Record<ScalarType, string>> = {
    date: DATE,
    timestamp: TIMESTAMP,
    month: `${MONTH}(-\\d{2})?`,
  };
  const pattern = wellFormed[type];
  if (!pattern) return `${quoted}${sqlString(`' ${explanation[type]}`)}`;
  // Right shape, impossible value (2025-02-30, 25:00): say so rather than repeat the format.
  return `${quoted}(case when ${fullMatch(v, pattern)} then ${sqlString("' is not a real calendar date or time")}
                 else ${sqlString(`' ${explanation[type]}`)} end)`;
}

type ScalarType = Exclude<SourceColumnType, object>;

export function wrongTypeCode(column: SourceColumn): 'wrong_type' | 'unknown_value' {
  return typeof column.type === 'object' ? 'unknown_value' : 'wrong_type';
}

/**
 * An integer column's whole number too large for the 32-bit integer it is stored as: out of range, not
 * of the wrong type (a score of 99999999999 is a number, outside any scale). Undefined for other types.
 */
export function integerOverflow(
  column: SourceColumn,
  typed: string,
  v: string,
): { failsWhen: string; reason: string } | undefined {
  if (column.type !== 'integer') return undefined;
  return {
    failsWhen: `(${v} is not null and ${typed} is null and ${fullMatch(v, WHOLE_NUMBER)})`,
    reason: `${sqlString(`${columnLabel(column)} `)} || ${shownValue(v)} || ${sqlString(' is beyond the whole numbers Pulse stores (-2147483648 to 2147483647)')}`,
  };
}

/** SQL boolean, TRUE when the typed value is outside the column's range, with its reason. */
export function rangeViolation(
  column: SourceColumn,
  typed: string,
  v: string,
  range: ValueRange,
): { failsWhen: string; reason: string } {
  const conditions: string[] = [];
  const reasons: string[] = [];
  const shown = `${sqlString(`${columnLabel(column)} `)} || ${shownValue(v)} || `;
  if (range.min !== undefined) {
    const operator = range.minExclusive ? '<=' : '<';
    conditions.push(`${typed} ${operator} ${range.min}`);
    const rule = range.minExclusive
      ? `must be greater than ${range.min}`
      : `is below the minimum ${range.min}`;
    reasons.push(`when ${typed} ${operator} ${range.min} then ${shown}${sqlString(` ${rule}`)}`);
  }
  if (range.max !== undefined) {
    const operator = range.maxExclusive ? '>=' : '>';
    conditions.push(`${typed} ${operator} ${range.max}`);
    const rule = range.maxExclusive ? `must be less than ${range.max}` : `is above the maximum ${range.max}`;
    reasons.push(`when ${typed} ${operator} ${range.max} then ${shown}${sqlString(` ${rule}`)}`);
  }
  return {
    failsWhen: conditions.length ? `(${conditions.join(' or ')})` : 'false',
    reason: `(case ${reasons.join(' ')} end)`,
  };
}
