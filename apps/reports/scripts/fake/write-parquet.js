// Writes JS rows as a Parquet mart with the exact column types of METRICS.md (G8), through DuckDB.
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sqlString } from '../lib/duckdb.js';

export async function writeParquet(db, dir, name, columns, rows) {
  const tmp = join(dir, `.${name}.ndjson`);
  await writeFile(tmp, rows.map((r) => JSON.stringify(r)).join('\n'));
  const spec = columns.map(([c, t]) => `${c}: '${t}'`).join(', ');
  const select = columns.map(([c]) => c).join(', ');
  const source =
    rows.length > 0
      ? `read_json(${sqlString(tmp)}, format = 'newline_delimited', columns = {${spec}})`
      : `(SELECT ${columns.map(([c, t]) => `NULL::${t} AS ${c}`).join(', ')} WHERE false)`;
  await db.connection.run(
    `COPY (SELECT ${select} FROM ${source}) TO ${sqlString(join(dir, `${name}.parquet`))} (FORMAT parquet, COMPRESSION zstd)`,
  );
  await rm(tmp);
}
