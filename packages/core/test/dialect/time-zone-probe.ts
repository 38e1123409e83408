// Run as a child process under different TZ values by time-zones.test.ts: prints one JSON line.
import { sql } from 'kysely';
import { openTestDatabase } from './test-database.js';

const test = await openTestDatabase();
const { rows } = await sql`
  select
    date '1969-12-31' as date_before_epoch,
    date '2024-02-29' as leap_day,
    timestamp '2024-02-29 23:30:00' as timestamp_value,
    '2021-03-31T22:00:00-05:00'::timestamptz as timestamptz_value,
    '2021-03-31T22:00:00-05:00'::timestamptz::timestamp as timestamptz_as_timestamp,
    ('2021-03-31T22:00:00-05:00'::timestamptz)::date as timestamptz_as_date,
    date_trunc('day', '2021-03-31T22:00:00-05:00'::timestamptz) as timestamptz_day,
    ${new Date('2021-04-01T03:00:00Z')} as bound_date,
    ${new Date('2021-04-01T03:00:00Z')}::date as bound_date_as_date,
    ${new Date('2021-04-01T03:00:00Z')}::timestamptz as bound_date_as_timestamptz`.execute(test.db);
await test.close();
process.stdout.write(
  `${JSON.stringify({ jsUtcOffsetMinutes: new Date(2021, 3, 1).getTimezoneOffset(), rows })}\n`,
);
