import { DuckDBInstance } from '@duckdb/node-api';
const inst = await DuckDBInstance.create(':memory:', { threads: '2' });
const a = await inst.connect();
const P='/work/main/bench/.cache/L/events/part-0003.csv.gz';
const R=`read_csv('${P}', compression='gzip', columns={'c0':'VARCHAR','c1':'VARCHAR','c2':'VARCHAR','c3':'VARCHAR','c4':'VARCHAR'}, header=true, auto_detect=false, delim=',', quote='"', escape='"', all_varchar=true, strict_mode=true)`;
const C=(f)=>`copy (select c0,c1,c2,c3,c4, ordinality-1 as _k from ${R} with ordinality) to '${f}' (format parquet, compression uncompressed)`;
await a.run(C('/tmp/xo.parquet'));
await a.run("set session preserve_insertion_order = false");
await a.run(C('/tmp/xn.parquet'));
await a.run("set session preserve_insertion_order = true");
for (const f of ['/tmp/xo.parquet','/tmp/xn.parquet']) {
  console.log(f, (await a.runAndReadAll(`select count(distinct row_group_id) rgs, min(row_group_num_rows) mn, max(row_group_num_rows) mx, sum(total_compressed_size) bytes, string_agg(distinct encodings, ';') enc from parquet_metadata('${f}')`)).getRowObjects());
  for (let i=0;i<3;i++){ const t=performance.now(); const c0=process.cpuUsage();
  await a.run(`create or replace temp table t as select c0, c1, c2, c3, c4, _k from read_parquet('${f}')`);
  const c=process.cpuUsage(c0); console.log('read+write', ((performance.now()-t)/1000).toFixed(2), ((c.user+c.system)/1e6).toFixed(2)); }
}
