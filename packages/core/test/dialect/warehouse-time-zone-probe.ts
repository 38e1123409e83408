// Run as a child process under another TZ by time-zones.test.ts: the session time zone of each of a
// Warehouse's connections (the main one, the aside one, a lane of `inLanes`, a sibling, and the main one
// of the same file opened again from DuckDB's instance cache), as one JSON line.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Warehouse } from '../../src/warehouse/warehouse.js';

const dir = mkdtempSync(join(tmpdir(), 'pulse-tz-probe-'));
const file = join(dir, 'probe.duckdb');
const zone = `select current_setting('TimeZone') as zone, '2021-03-31T22:00:00-05:00'::timestamptz::date as day`;
try {
  const warehouse = await Warehouse.open(file);
  const [main] = await warehouse.query(zone);
  const [aside] = await warehouse.queryAside(zone);
  const [settled] = await warehouse.inLanes([zone], 1, (sqlText, lane) => lane.query(sqlText));
  const [lane] = settled?.status === 'fulfilled' ? settled.value : [];
  const sibling = await warehouse.sibling();
  const [beside] = await sibling.query(zone);
  await warehouse.close();
  const again = await Warehouse.open(file);
  const [reopened] = await again.query(zone);
  const [reopenedAside] = await again.queryAside(zone);
  await again.close();
  process.stdout.write(
    `${JSON.stringify({ main, aside, lane, sibling: beside, reopened, reopenedAside })}\n`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
