// The floor: DuckDB alone loading every raw file into a table, no validation and no models. Run as a
// child process (`node --import tsx bench/floor-load.ts <data> <db>`) so its peak RSS is its own.
import { DuckDBInstance } from '@duckdb/node-api';
import { sourceFiles } from './source-files.js';

const [dataDir, dbFile] = process.argv.slice(2);
if (!dataDir || !dbFile) throw new Error('usage: floor-load.ts <data dir> <db file>');

const list = (files: readonly string[]) => `[${files.map((f) => `'${f.replaceAll("'", "''")}'`).join(', ')}]`;
const reader = { csv: 'read_csv', json: 'read_json', parquet: 'read_parquet' } as const;
// union_by_name: files of one source may order their columns differently (the tickets archive).
const options = {
  csv: ', header = true, union_by_name = true',
  json: ", format = 'newline_delimited'",
  parquet: '',
};

const instance = await DuckDBInstance.create(dbFile);
const connection = await instance.connect();
for (const source of sourceFiles(dataDir)) {
  const started = performance.now();
  await connection.run(
    `create table "${source.name}" as select * from ${reader[source.format]}(${list(source.files)}${options[source.format]})`,
  );
  const rows = await connection.runAndReadAll(`select count(*)::double as n from "${source.name}"`);
  const n = rows.getRowObjectsJS()[0]!.n;
  console.log(`${source.name}: ${n} rows in ${((performance.now() - started) / 1000).toFixed(3)}s`);
}
connection.closeSync();
instance.closeSync();
