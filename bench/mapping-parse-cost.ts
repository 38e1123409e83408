// `npx tsx bench/mapping-parse-cost.ts [scale]` (after a mapping run at that scale, default M): where the
// mapped layout's ingestion time goes, on one DuckDB thread so the figures hardly depend on the machine's
// other load. The events' timestamp as Pulse parses it in each layout (ISO text vs `epoch_ms`, the SQL of
// column-parsing.ts), and a plain read of each layout's gzip parts; 3 runs each, interleaved.
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { typedValue } from '../packages/core/src/ingest/column-parsing.js';
import type { SourceColumn } from '../packages/core/src/ingest/source-definition.js';
import { CACHE_DIR } from './paths.js';

const scale = process.argv[2] ?? 'M';
const canonical = `read_csv('${join(CACHE_DIR, scale, 'events')}/*.csv.gz', header = true, all_varchar = true)`;
const vendor = `read_csv('${join(CACHE_DIR, `${scale}-vendor`, 'raw', 'segment', 'tracks')}/*.csv.gz', header = true, all_varchar = true)`;
const column: SourceColumn = { name: 'occurred_at', type: 'timestamp', required: true, description: '' };
const iso = typedValue(column, 'v');
const epoch = typedValue({ ...column, format: 'epoch_ms' }, 'v');

const connection = await (await DuckDBInstance.create(':memory:')).connect();
await connection.run(`set TimeZone = 'UTC'`);
await connection.run('set threads = 1');
await connection.run(`create table iso as select occurred_at as v from ${canonical}`);
await connection.run(`create table epoch as select "timestamp" as v from ${vendor}`);
const seconds = async (sql: string) => {
  const started = performance.now();
  await connection.runAndReadAll(sql);
  return (performance.now() - started) / 1000;
};
const figures: Record<string, number[]> = {
  'parse ISO timestamps': [],
  'parse epoch_ms': [],
  'read canonical parts': [],
  'read vendor parts': [],
};
for (let run = 0; run < 3; run++) {
  figures['parse ISO timestamps']!.push(await seconds(`select count(${iso}) from iso`));
  figures['parse epoch_ms']!.push(await seconds(`select count(${epoch}) from epoch`));
  figures['read canonical parts']!.push(await seconds(`select count(*) from ${canonical}`));
  figures['read vendor parts']!.push(await seconds(`select count(*) from ${vendor}`));
}
for (const [what, runs] of Object.entries(figures))
  console.log(`${what}: ${runs.map((s) => s.toFixed(2)).join(', ')} s`);
connection.closeSync();
