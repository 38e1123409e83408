// Converts one Parquet mart to JSON rows for the browser. Conversion only: values are copied as they
// are, never recomputed. DATE → 'YYYY-MM-DD', TIMESTAMP → 'YYYY-MM-DDTHH:MM:SSZ' (UTC), integers →
// JS numbers; rows are ordered by the mart's key so the output (and the built site) is deterministic.
import { sqlString } from './duckdb.js';
import { MART_SCHEMA } from './mart-schema.js';

const ident = (s) => `"${String(s).replaceAll('"', '""')}"`;

function toJsonExpression(column, type) {
  const c = ident(column);
  if (type === 'DATE') return `strftime(${c}, '%Y-%m-%d') AS ${c}`;
  if (type.startsWith('TIMESTAMP')) return `strftime(${c}::TIMESTAMP, '%Y-%m-%dT%H:%M:%SZ') AS ${c}`;
  if (/INT/.test(type) || type.startsWith('DECIMAL')) return `${c}::DOUBLE AS ${c}`;
  return c;
}

/** Checks the Parquet columns against METRICS.md; returns the file's column types. */
export async function checkColumns(db, name, file) {
  const described = await db.rows(`DESCRIBE SELECT * FROM read_parquet(${sqlString(file)})`);
  const types = new Map(described.map((d) => [d.column_name, d.column_type]));
  const expected = MART_SCHEMA[name] ?? [];
  const missing = expected.filter(([c]) => !types.has(c)).map(([c]) => c);
  if (missing.length > 0) {
    throw new Error(`${file}: missing column(s) ${missing.join(', ')} that METRICS.md defines for ${name}`);
  }
  const drift = expected
    .filter(([c, t]) => types.get(c) !== t)
    .map(([c, t]) => `${c} is ${types.get(c)}, METRICS.md says ${t}`);
  return { types, drift };
}

/**
 * @param {{name: string, file: string, columns?: string[], where?: string, orderBy: string[]}} spec
 */
export async function exportMart(db, { name, file, columns, where, orderBy }) {
  const { types, drift } = await checkColumns(db, name, file);
  const wanted = columns ?? [...types.keys()];
  const select = wanted.map((c) => toJsonExpression(c, types.get(c))).join(', ');
  const rows = await db.rows(
    `SELECT ${select} FROM read_parquet(${sqlString(file)}) ${where ? `WHERE ${where}` : ''}
     ORDER BY ${orderBy.map(ident).join(', ')}`,
  );
  const nonFinite = rows.some((r) =>
    Object.values(r).some((v) => typeof v === 'number' && !Number.isFinite(v)),
  );
  if (nonFinite)
    throw new Error(`${file}: NaN or infinite value (a rate must be NULL when undefined, METRICS.md G6)`);
  return { rows, drift };
}
