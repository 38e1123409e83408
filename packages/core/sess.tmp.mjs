import { DuckDBInstance } from '@duckdb/node-api';
const inst = await DuckDBInstance.create(':memory:', { threads: '2' });
const a = await inst.connect(); const b = await inst.connect();
try { await a.run("set session preserve_insertion_order = false"); console.log('session set ok'); } catch (e) { console.log('ERR', e.message); }
const show = async (c, n) => console.log(n, (await c.runAndReadAll("select current_setting('preserve_insertion_order') v")).getRowObjects());
await show(a, 'a'); await show(b, 'b');
const P='/work/main/bench/.cache/L/events/part-0003.csv.gz';
const R=`read_csv('${P}', compression='gzip', columns={'c0':'VARCHAR','c1':'VARCHAR','c2':'VARCHAR','c3':'VARCHAR','c4':'VARCHAR'}, header=true, auto_detect=false, delim=',', quote='"', escape='"', all_varchar=true, strict_mode=true)`;
const C=`copy (select c0,c1,c2,c3,c4, ordinality-1 as _k from ${R} with ordinality) to '/tmp/x1.parquet' (format parquet, compression uncompressed)`;
for (const [c, n] of [[a,'a-noorder'],[b,'b-order'],[a,'a-noorder'],[b,'b-order']]) {
  const t = performance.now(); const cpu0 = process.cpuUsage(); await c.run(C); const cpu = process.cpuUsage(cpu0);
  const chk = (await c.runAndReadAll("select count(*) filter (where _k <> rn - 1) bad from (select _k, row_number() over () rn from read_parquet('/tmp/x1.parquet'))")).getRowObjects();
  console.log(n, ((performance.now()-t)/1000).toFixed(2), 'cpu', ((cpu.user+cpu.system)/1e6).toFixed(2), 'out of order:', String(chk[0].bad));
}
