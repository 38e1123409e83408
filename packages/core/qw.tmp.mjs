import { DuckDBInstance } from '@duckdb/node-api';
const [file, ...qs] = process.argv.slice(2);
const inst = await DuckDBInstance.create(file, { memory_limit: process.env.ML || '3GB' });
const c = await inst.connect();
for (const q of qs) {
  const t = performance.now(); const cpu0 = process.cpuUsage();
  const r = await c.runAndReadAll(q);
  const cpu = process.cpuUsage(cpu0);
  console.log(((performance.now()-t)/1000).toFixed(2)+'s', 'cpu', ((cpu.user+cpu.system)/1e6).toFixed(2), JSON.stringify(r.getRowObjects().slice(0,3), (k,v)=>typeof v==='bigint'?String(v):v), q.slice(0,90));
}
