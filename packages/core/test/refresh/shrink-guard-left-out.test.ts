import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-warehouse.js';
import { runPulse } from './spawn-pulse.js';

/**
 * Rows a `leave_out` rule leaves out are no lost rows: a refresh whose loaded rows fell only because a
 * new rule leaves some out must publish, while a truncated export is still refused, its message naming
 * the rows left out on both sides.
 */
describe('pulse refresh: the shrink guard and rows left out on purpose', () => {
  let root: string;
  let cleanup: () => Promise<void>;
  const raw = (...parts: string[]) => join(root, 'data', 'raw', ...parts);
  const config = (events: object) =>
    writeFile(
      join(root, 'data', 'pulse.config.json'),
      JSON.stringify({
        as_of: '2024-01-31',
        sources: { events: { columns: { event_name: 'event' }, ...events } },
      }),
    );
  const leaveOutTest = { leave_out: [{ column: 'kind', values: ['test'], reason: 'test events' }] };

  beforeAll(async () => {
    ({ dir: root, cleanup } = await tempDir('pulse-shrink-left-out-'));
    await mkdir(raw(), { recursive: true });
    await writeFile(
      raw('accounts.csv'),
      'account_id,name,created_at,segment\na1,Acme,2023-12-01T00:00:00Z,smb\n',
    );
    await writeFile(
      raw('subscriptions.csv'),
      'subscription_id,account_id,plan,billing_interval,amount,currency,start_date\n' +
        's1,a1,pro,month,100,USD,2024-01-01\n',
    );
    await writeFile(
      raw('events.csv'),
      'event_id,account_id,user_id,event,occurred_at,kind\n' +
        'e1,a1,u1,login,2024-01-05T00:00:00Z,live\n' +
        'e2,a1,u1,login,2024-01-06T00:00:00Z,test\n' +
        'e3,a1,u1,login,2024-01-07T00:00:00Z,test\n',
    );
    await config({});
    const first = await runPulse(['refresh'], root);
    expect({ code: first.code, stderr: first.stderr }).toEqual({ code: 0, stderr: '' });
  });
  afterAll(() => cleanup());

  it('a new leave_out rule that leaves out most rows is no shrink: the refresh publishes', async () => {
    await config(leaveOutTest);
    const refreshed = await runPulse(['refresh'], root);
    expect({ code: refreshed.code, stderr: refreshed.stderr }).toEqual({ code: 0, stderr: '' });
    expect(refreshed.stdout).toContain('2 rows left out as test events');
  });

  it('a truncated export is still refused, the rows left out named on both sides', async () => {
    await writeFile(
      raw('events.csv'),
      'event_id,account_id,user_id,event,occurred_at,kind\ne1,a1,u1,login,2024-01-05T00:00:00Z,live\n' +
        'e4,a1,u1,login,2024-01-08T00:00:00Z,live\n' +
        'e5,a1,u1,login,2024-01-09T00:00:00Z,live\n' +
        'e6,a1,u1,login,2024-01-10T00:00:00Z,live\n',
    );
    expect((await runPulse(['refresh'], root)).code).toBe(0);
    // 4 loaded and none left out, then 1 loaded and 1 left out: 2 of 4 rows accounted for is no loss
    // over half; 1 loaded and none left out of 4 is.
    await writeFile(
      raw('events.csv'),
      'event_id,account_id,user_id,event,occurred_at,kind\ne1,a1,u1,login,2024-01-05T00:00:00Z,live\n',
    );
    const refused = await runPulse(['refresh'], root);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'events: 1 row loaded, 4 in the published warehouse (-75%, more than max_shrink 0.5)',
    );
    await writeFile(
      raw('events.csv'),
      'event_id,account_id,user_id,event,occurred_at,kind\ne1,a1,u1,login,2024-01-05T00:00:00Z,live\n' +
        'e7,a1,u1,login,2024-01-08T00:00:00Z,test\n',
    );
    const accepted = await runPulse(['refresh'], root);
    expect({ code: accepted.code, stderr: accepted.stderr }).toEqual({ code: 0, stderr: '' });
  });

  it('a refused source names the rows left out with its counts', async () => {
    // Published now: 1 loaded, 1 left out. Then 0 of 2 accounted for.
    await writeFile(raw('events.csv'), 'event_id,account_id,user_id,event,occurred_at,kind\n');
    const refused = await runPulse(['refresh'], root);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'events: 0 rows loaded, 2 in the published warehouse (1 loaded, 1 left out on purpose) (-100%',
    );
  });
});
