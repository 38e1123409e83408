import { DuckDBInstance } from '@duckdb/node-api';
const inst = await DuckDBInstance.create(':memory:', { threads: '2', memory_limit: '3GB' });
const a = await inst.connect(); const b = await inst.connect();
const R=(P)=>`read_csv('${P}', compression='gzip', columns={'c0':'VARCHAR','c1':'VARCHAR','c2':'VARCHAR','c3':'VARCHAR','c4':'VARCHAR'}, header=true, auto_detect=false, delim=',', quote='"', escape='"', all_varchar=true, strict_mode=true)`;
const C=(P,f)=>`copy (select c0,c1,c2,c3,c4, ordinality-1 as _k from ${R(P)} with ordinality) to '${f}' (format parquet, compression uncompressed)`;
const parts = [4,5,6,7].map(i=>`/work/main/bench/.cache/L/events/part-000${i}.csv.gz`);
for (let round=0; round<4; round++) for (const off of [false, true]) {
  for (const c of [a,b]) await c.run(`set session preserve_insertion_order = ${off ? 'false' : 'true'}`);
  const t=performance.now(); const c0=process.cpuUsage();
  let next=0; await Promise.all([a,b].map(async (c, li) => { for (let i=next++; i<parts.length; i=next++) await c.run(C(parts[i], `/tmp/lane${i}.parquet`)); }));
  const c=process.cpuUsage(c0); console.log(off ? 'off' : 'on ', ((performance.now()-t)/1000).toFixed(2), 's cpu', ((c.user+c.system)/1e6).toFixed(2));
}
