// Run as a child process under another TZ by time-zones.test.ts: the session time zone of each of a
// Warehouse's connections, as one JSON line.
import { Warehouse } from '../../src/warehouse/warehouse.js';

const warehouse = await Warehouse.open(':memory:');
const zone = `select current_setting('TimeZone') as zone, '2021-03-31T22:00:00-05:00'::timestamptz::date as day`;
const [main] = await warehouse.query(zone);
const [aside] = await warehouse.queryAside(zone);
await warehouse.close();
process.stdout.write(`${JSON.stringify({ main, aside })}\n`);
