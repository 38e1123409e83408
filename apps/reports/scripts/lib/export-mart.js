// Converts one Parquet mart to JSON rows for the browser. Conversion only: values are copied as they
// are, never recomputed. DATE → 'YYYY-MM-DD', TIMESTAMP → 'YYYY-MM-DDTHH:MM:SSZ' (UTC), integers →
// JS numbers; rows are ordered (by the mart's grain unless told) so the output is deterministic.
import { sqlString } from './duckdb.js';

const ident = (s) => `"${String(s).replaceAll('"', '""')}"`;

function toJsonExpression(column, type) {
  const c = ident(column);
  if (type === 'DATE') return `strftime(${c}, '%Y-%m-%d') AS ${c}`;
  if (type.startsWith('TIMESTAMP')) return `strftime(${c}::TIMESTAMP, '%Y-%m-%dT%H:%M:%SZ') AS ${c}`;
  if (/INT/.test(type) || type.startsWith('DECIMAL')) return `${c}::DOUBLE AS ${c}`;
  return c;
}

/**
 * The file's column types, checked against the mart's columns in the manifest (`model` may be null
 * without a manifest): a missing column fails loudly, a type that differs is reported as drift.
 */
export async function checkColumns(db, file, model) {
  let described;
  try {
    described = await db.rows(`DESCRIBE SELECT * FROM read_parquet(${sqlString(file)})`);
  } catch (error) {
    // An emptied or cut Parquet file stopped the site build with DuckDB's "No magic bytes" and a stack.
    throw new Error(
      `${file} cannot be read as Parquet (${String(error.message).split('\n')[0]}): it was damaged after ` +
        'the build wrote it. Run `pulse refresh` (it exports damaged marts anew) or `pulse build` again.',
    );
  }
  const types = new Map(described.map((d) => [d.column_name, d.column_type]));
  const expected = model?.columns ?? [];
  const missing = expected.filter((c) => !types.has(c.name)).map((c) => c.name);
  if (missing.length > 0) {
    throw new Error(
      `${file}: missing column(s) ${missing.join(', ')} that manifest.json lists for ${model.name}`,
    );
  }
  const drift = expected
    .filter((c) => c.type && types.get(c.name) !== c.type)
    .map((c) => `${c.name} is ${types.get(c.name)}, manifest.json says ${c.type}`);
  return { types, drift };
}

/**
 * @param {{file: string, model: object|null, columns?: string[], where?: string, orderBy?: string[]}} spec
 */
export async function exportMart(db, { file, model, columns, where, orderBy }) {
  const { types } = await checkColumns(db, file, model);
  const wanted = columns ?? [...types.keys()];
  const select = wanted.map((c) => toJsonExpression(c, types.get(c))).join(', ');
  const order = orderBy ?? model?.key ?? [];
  const rows = await db.rows(
    `SELECT ${select} FROM read_parquet(${sqlString(file)}) ${where ? `WHERE ${where}` : ''}
     ORDER BY ${order.length > 0 ? order.map(ident).join(', ') : 'ALL'}`,
  );
  const nonFinite = rows.some((r) =>
    Object.values(r).some((v) => typeof v === 'number' && !Number.isFinite(v)),
  );
  if (nonFinite) throw new Error(`${file}: NaN or infinite value (a rate must be NULL when undefined)`);
  return rows;
}
