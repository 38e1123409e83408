// The Data quality page says the rows a source left out on purpose (a mapping's leave_out rule) beside
// its rows read, loaded and quarantined: a real build's run_results.json, served by the site's one data
// loader as data/run.json, reshaped by the page's own functions. No browser: the page draws these rows.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LEFT_OUT_COLUMNS,
  leftOutRows,
  SOURCE_COLUMNS,
  sourceRows,
} from '../../apps/reports/src/components/quality.js';
import { runPulseCli } from '../support/run-pulse-cli.js';

const run = promisify(execFile);
const LOADER = fileURLToPath(new URL('../../apps/reports/src/data/[name].json.js', import.meta.url));

const work = mkdtempSync(join(tmpdir(), 'pulse-left-out-site-'));
const data = join(work, 'data');
const target = join(work, 'target');
const marts = join(work, 'marts');

/** Product events of one day, one per kind given. */
const events = (day: number, kinds: readonly string[]) =>
  [
    'event_id,account_id,user_id,event,occurred_at,kind',
    ...kinds.map((kind, index) => `e${day}-${index},a1,u1,login,2024-02-0${day}T10:00:00Z,${kind}`),
  ].join('\n');

/** What the page is served as data/<name>.json: the site's one data loader, run as Framework runs it. */
async function served(name: string): Promise<any> {
  const env = { ...process.env, PULSE_MARTS_DIR: marts, PULSE_ARTIFACTS_DIR: target };
  const { stdout } = await run(process.execPath, [LOADER, '--name', name], { env });
  return JSON.parse(stdout);
}

/** The rows of a table of the page, with only the columns it shows. */
const shown = (rows: Record<string, unknown>[], columns: readonly string[]) =>
  rows.map((row) => Object.fromEntries(columns.map((column) => [column, row[column]])));

beforeAll(async () => {
  mkdirSync(join(data, 'product'), { recursive: true });
  writeFileSync(
    join(data, 'accounts.csv'),
    'account_id,name,created_at,segment\na1,Acme,2023-12-01T00:00:00Z,smb\n',
  );
  writeFileSync(
    join(data, 'subscriptions.csv'),
    'subscription_id,account_id,plan,billing_interval,amount,currency,start_date\ns1,a1,pro,month,100,USD,2024-01-01\n',
  );
  writeFileSync(join(data, 'product', 'day1.csv'), events(1, ['live', 'test', 'live']));
  writeFileSync(join(data, 'product', 'day2.csv'), events(2, ['test', 'Test ', 'live']));
  writeFileSync(
    join(work, 'pulse.config.json'),
    JSON.stringify({
      as_of: '2024-02-29',
      sources: {
        events: {
          path: 'product/',
          columns: { event_name: 'event' },
          leave_out: [{ column: 'kind', values: ['test'], reason: 'test events' }],
        },
      },
    }),
  );
  const built = await runPulseCli(work, [
    'build',
    '--data',
    data,
    '--warehouse',
    join(work, 'wh.duckdb'),
    '--marts',
    marts,
    '--artifacts',
    target,
  ]);
  expect({ code: built.code, stderr: built.stderr }).toEqual({ code: 0, stderr: '' });
}, 240_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('Data quality page: rows left out on purpose', () => {
  it('the sources table says them per source, in plain words, beside read, loaded and quarantined', async () => {
    const page = await served('run');
    const rows = shown(sourceRows(page, '2024-02-29'), SOURCE_COLUMNS);
    expect(rows.find((row) => row.source === 'events')).toMatchObject({
      rows_read: 3,
      rows_loaded: 3,
      rows_quarantined: 0,
      rows_left_out: 3,
      left_out: '3 rows left out as test events (kind test)',
    });
    expect(rows.find((row) => row.source === 'accounts')).toMatchObject({
      rows_read: 1,
      rows_left_out: 0,
      left_out: null,
    });
  });

  it('a table lists each file with the rows it had left out, and why', async () => {
    const page = await served('run');
    expect(shown(leftOutRows(page), LEFT_OUT_COLUMNS)).toEqual([
      { source: 'events', file: 'product/day1.csv', rows: 1, reason: 'left out as test events (kind test)' },
      { source: 'events', file: 'product/day2.csv', rows: 2, reason: 'left out as test events (kind test)' },
    ]);
  });
});
