// A lead measured in the twenty-first round; the twenty-second built it for real and did not keep it
// (bench/hot-spots.md: the view's tests and readers paid back what it saved). Not the build's code:
// stg_events as it is built (a table of the first copies, "table") against a view over raw.events that leaves out a small table of the later copies ("view"), each followed
// by the work its readers and three of its data tests do. Both run on a COPY of a built warehouse (they write
// proto_* tables into it), each in a new process, as a build would read the file:
//
//   cp <warehouse.duckdb> /tmp/a.duckdb && npx tsx bench/stg-events-as-view.ts table /tmp/a.duckdb
//   cp <warehouse.duckdb> /tmp/b.duckdb && npx tsx bench/stg-events-as-view.ts view /tmp/b.duckdb
//
// The SQL follows packages/models/src/staging/stg_events.ts (hash dedup, first copy by occurred_at, file,
// line), int_account_daily_activity, engagement_account_months and ttv_accounts. The last line of each run
// is a digest of the three readers' tables: equal digests mean both forms give the readers the same rows.
import { DuckDBInstance } from '@duckdb/node-api';

const [variant, file] = process.argv.slice(2);
if ((variant !== 'table' && variant !== 'view') || !file) {
  console.error('usage: tsx bench/stg-events-as-view.ts table|view <copy of a built warehouse.duckdb>');
  process.exit(2);
}

const instance = await DuckDBInstance.create(file);
const connection = await instance.connect();
const run = async (sql: string) => (await connection.runAndReadAll(sql)).getRows();

// The build's as_of and value events, as the warehouse recorded them.
const [[varsText]] = (await run('select vars from pulse.build_vars')) as [[string]];
const vars = JSON.parse(varsText) as { asOf: string; valueEvents: string[] };
const end = `('${vars.asOf}'::date + interval 1 day)`;
const valueEvents = vars.valueEvents.map((name) => `'${name.replaceAll("'", "''")}'`).join(', ');

const hash = '(hash(event_id) >> 1)::BIGINT';
const repeatedHashes = `repeated_hashes as (select distinct h from (select h, lag(h) over (order by h) as p
  from (select ${hash} as h from raw.events where event_id is not null)) where h = p)`;
const rankedCopies = `ranked as (select *, row_number() over (partition by event_id order by occurred_at, _file, _line) as n
  from raw.events where event_id is not null and ${hash} in (select h from repeated_hashes))`;
const columns = `e.account_id, e.user_id, e.event_name, e.occurred_at, e.occurred_at::date as event_date,
  date_trunc('month', e.occurred_at)::date as event_month, e._file as source_file, e._line as source_line`;

const build: Record<'table' | 'view', [string, string][]> = {
  table: [
    [
      'stg_events as a table',
      `create or replace table proto_stg as with ${repeatedHashes}, ${rankedCopies},
       first_copies as (
         select ${hash} as event_id_hash, account_id, user_id, event_name, occurred_at, _file, _line from raw.events
         where event_id is null or ${hash} not in (select h from repeated_hashes)
         union all select ${hash}, account_id, user_id, event_name, occurred_at, _file, _line from ranked where n = 1)
       select e.event_id_hash, ${columns} from first_copies e
       join staging.stg_accounts a on a.account_id = e.account_id where e.occurred_at < ${end}`,
    ],
  ],
  view: [
    [
      'the later copies (table)',
      `create or replace table proto_later_copies as with ${repeatedHashes}, ${rankedCopies}
       select _file, _line from ranked where n > 1`,
    ],
    [
      'stg_events as a view',
      `create or replace view proto_stg as select ${hash} as event_id_hash, ${columns} from raw.events e
       semi join staging.stg_accounts a on a.account_id = e.account_id
       anti join proto_later_copies x on x._file = e._file and x._line = e._line
       where e.occurred_at < ${end}`,
    ],
  ],
};

const readers: [string, string | (() => Promise<string>)][] = [
  [
    'not-null test',
    'select count(*) filter (where account_id is null), count(*) filter (where user_id is null), count(*) filter (where occurred_at is null) from proto_stg',
  ],
  [
    // As the engine's grain test: one bit per line of a file, over the lines' range (read first, timed too).
    'grain test',
    async () => {
      const [[lo, hi]] = (await run(
        'select min(source_line)::BIGINT, max(source_line)::BIGINT from proto_stg',
      )) as [[bigint, bigint]];
      return `select count(*) from (select 1 from proto_stg group by source_file
        having count(*) <> bit_count(bitstring_agg(source_line::BIGINT, ${lo}, ${hi})))`;
    },
  ],
  [
    // As stg_events_event_id_counted_once: hashes first, the exact ids only where a hash repeats.
    'counted-once test',
    `select count(*) from (with repeated as (select distinct h from (select h, lag(h) over (order by h) as p
       from (select event_id_hash as h from proto_stg where event_id_hash is not null)) where h = p)
     select r.event_id from proto_stg s join raw.events r on r._file = s.source_file and r._line = s.source_line
     where s.event_id_hash in (select h from repeated) group by r.event_id having count(*) > 1)`,
  ],
  [
    'int_account_daily_activity',
    `create or replace table proto_daily as select account_id, event_date, event_month, count(user_id)::int as active_users,
       sum(events)::int as events from (select account_id, event_date, event_month, user_id, count(*) as events
       from proto_stg group by all) group by all`,
  ],
  [
    'engagement: users a month',
    'create or replace table proto_engagement as select account_id, event_month, count(distinct user_id)::int as active_users from proto_stg group by all',
  ],
  [
    'ttv: first value event',
    `create or replace table proto_ttv as select account_id, min(occurred_at) as first_value_at from proto_stg
     where event_name in (${valueEvents}) group by all`,
  ],
];

let wall = 0;
let cpu = 0;
for (const [name, sql] of [...build[variant], ...readers]) {
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  await run(typeof sql === 'string' ? sql : await sql());
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpuBefore);
  const cpuSeconds = (used.user + used.system) / 1e6;
  wall += seconds;
  cpu += cpuSeconds;
  console.log(`${variant}  ${name.padEnd(28)} ${seconds.toFixed(2)} s  ${cpuSeconds.toFixed(2)} CPU-s`);
}
const [[digest]] = await run(
  `select (select count(*) from proto_daily)::varchar || ' ' || (select sum(hash(d)) from proto_daily d)::varchar
     || ' ' || (select sum(hash(u)) from proto_engagement u)::varchar || ' ' || (select sum(hash(t)) from proto_ttv t)::varchar`,
);
console.log(
  `${variant}  total ${wall.toFixed(2)} s, ${cpu.toFixed(2)} CPU-s; readers' digest ${String(digest)}`,
);
connection.closeSync();
instance.closeSync();
