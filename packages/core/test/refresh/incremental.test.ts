import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../../src/index.js';
import { readRunLog } from '../../src/refresh/run-log.js';
import { tempDir } from '../support/temp-warehouse.js';
import { folderDigest, runPulse, sha256File, startPulse } from './spawn-pulse.js';

/** Rows of `table` in one warehouse and not the other (multiset difference both ways). */
async function martDifferences(refreshed: string, full: string): Promise<Record<string, number>> {
  const db = await Warehouse.open(refreshed, { readOnly: true });
  try {
    await db.exec(`attach '${full}' as fullbuild (read_only)`);
    const tables = await db.query<{ name: string }>(
      `select table_schema || '.' || table_name as name from information_schema.tables
       where table_catalog = 'fullbuild'
         and table_schema in ('raw', 'quarantine', 'staging', 'intermediate', 'marts') order by 1`,
    );
    const out: Record<string, number> = {};
    for (const { name } of tables) {
      const [row] = await db.query<{ diff: number }>(
        `select ((select count(*) from (from ${name} except all from fullbuild.${name}))
              + (select count(*) from (from fullbuild.${name} except all from ${name})))::integer as diff`,
      );
      out[name] = row!.diff;
    }
    return out;
  } finally {
    await db.close();
  }
}

describe('pulse refresh: incremental equals full', () => {
  let root: string;
  let cleanup: () => Promise<void>;
  const raw = () => join(root, 'data', 'raw');
  const warehouse = () => join(root, 'data', 'warehouse.duckdb');
  beforeAll(async () => {
    ({ dir: root, cleanup } = await tempDir('pulse-refresh-'));
    const generated = await runPulse(
      ['generate', '--out', raw(), '--accounts', '150', '--months', '8', '--seed', '3'],
      root,
    );
    expect(generated.code).toBe(0);
  });
  afterAll(() => cleanup());

  it('publishes, then rebuilds nothing while no file changed', async () => {
    const first = await runPulse(['refresh'], root);
    expect({ code: first.code, stderr: first.stderr }).toEqual({ code: 0, stderr: '' });
    const published = await sha256File(warehouse());
    const second = await runPulse(['refresh'], root);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Up to date');
    expect(second.stdout).not.toMatch(/\[\d+\/\d+\] built/);
    expect(await sha256File(warehouse())).toBe(published);
    expect((await readRunLog(warehouse())).map((run) => run.status)).toEqual(['success', 'up_to_date']);
  });

  it('refuses a removed file without --prune; with it, added, changed and removed files give the full build', async () => {
    await writeFile(
      join(raw(), 'events', 'part-0009.csv'),
      'account_id,user_id,event_name,occurred_at\n00001,u-new,login,2026-10-01T10:00:00Z\n00002,u-new2,login,2026-10-02T10:00:00Z\n',
    );
    const tickets = join(raw(), 'tickets', 'tickets-2026.csv');
    const lines = (await readFile(tickets, 'utf8')).trimEnd().split('\n');
    await writeFile(tickets, `${lines.slice(0, -3).join('\n')}\n`);
    await rm(join(raw(), 'events', 'part-0003.csv.gz'));
    const before = await sha256File(warehouse());

    const refused = await runPulse(['refresh'], root);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('events/part-0003.csv.gz');
    expect(refused.stderr).toContain('--prune');
    expect(await sha256File(warehouse())).toBe(before);

    const pruned = await runPulse(['refresh', '--prune'], root);
    expect({ code: pruned.code, stderr: pruned.stderr }).toEqual({ code: 0, stderr: '' });
    expect(pruned.stdout).toContain('1 added, 1 changed, 1 removed');

    // events: only the new file is read (the removed part's rows dropped); tickets has a unique key, so all
    // of its files are read again.
    expect(pruned.stdout).toMatch(/events .*\(4 files, 1 new or changed read\)/);
    expect(pruned.stdout).toMatch(/accounts .*unchanged: rows kept/);
    await expectEqualToFullBuild();
    expect((await readRunLog(warehouse())).map((run) => run.status)).toEqual([
      'success',
      'up_to_date',
      'failed',
      'success',
    ]);
  });

  it('late data for an old month reads only that file and rebuilds only the models downstream of it', async () => {
    // A resent copy of an existing event, a month earlier: the kept copy moves from its month to this one.
    const [, existing] = gunzipSync(await readFile(join(raw(), 'events', 'part-0001.csv.gz')))
      .toString('utf8')
      .split('\n');
    const [eventId, account, user, name] = existing!.split(',');
    const late = join(raw(), 'events', 'late-2026-04.csv');
    await writeFile(
      late,
      'event_id,account_id,user_id,event_name,occurred_at\nLATE-1,00001,u-late,report_viewed,2026-04-02T10:00:00Z\n' +
        ',00002,u-late,login,2026-04-03T10:00:00Z\n,00003,u-late,login,not-a-date\n' +
        `${eventId},${account},${user},${name},2026-04-04T10:00:00Z\n`,
    );
    const first = await runPulse(['refresh'], root);
    expect({ code: first.code, stderr: first.stderr }).toEqual({ code: 0, stderr: '' });
    expect(first.stdout).toMatch(/Read: +1 file \(/);
    // Only the months the late rows, and the other copy of the resent event, fall in.
    expect(first.stdout).toMatch(
      /built staging\.stg_events \(table, \d+ rows, rebuilt 2 partitions: 2026-04-01, 2026-\d\d-01\)/,
    );
    expect(first.stdout).toMatch(/built intermediate\.int_account_daily_activity \(.*rebuilt 2 partitions/);
    expect(first.stdout).toContain('built marts.engagement_monthly');
    // Revenue models read neither events nor anything built from them.
    expect(first.stdout).not.toContain('mrr_monthly');
    expect(first.stdout).not.toContain('stg_subscriptions');
    await expectEqualToFullBuild();

    // A changed file replaces its rows: the bad row fixed, one row dropped, never duplicated.
    await writeFile(
      late,
      'event_id,account_id,user_id,event_name,occurred_at\nLATE-1,00001,u-late,report_viewed,2026-04-02T10:00:00Z\n' +
        ',00003,u-late,login,2026-04-05T10:00:00Z\n',
    );
    // Killed mid-way, the incremental refresh leaves the published warehouse as it was.
    const published = await sha256File(warehouse());
    const killed = startPulse(['refresh'], root, { PULSE_TEST_PAUSE_AT: 'built' });
    await killed.waitFor('paused at built');
    killed.child.kill('SIGKILL');
    await killed.exited;
    expect(await sha256File(warehouse())).toBe(published);
    const second = await runPulse(['refresh'], root);
    expect({ code: second.code, stderr: second.stderr }).toEqual({ code: 0, stderr: '' });
    expect(second.stdout).toContain('0 added, 1 changed, 0 removed');
    await expectEqualToFullBuild();
    const [last] = (await readRunLog(warehouse())).slice(-1);
    expect(last).toMatchObject({ status: 'success', files_ingested: 1 });
    expect(last!.models_skipped).toBeGreaterThan(10);
  });

  /** Every relation of the refreshed warehouse equals a full `pulse build` of the same files. */
  async function expectEqualToFullBuild(): Promise<void> {
    // Its own root, so its Parquet marts do not overwrite the refreshed ones.
    const fullRoot = join(root, 'full-build');
    await rm(fullRoot, { recursive: true, force: true });
    await mkdir(fullRoot);
    const full = join(fullRoot, 'warehouse.duckdb');
    const build = await runPulse(
      ['build', '--data', raw(), '--warehouse', full, '--marts', join(fullRoot, 'data', 'marts')],
      fullRoot,
    );
    expect(build.code, build.stderr).toBe(0);
    const differences = await martDifferences(warehouse(), full);
    expect(Object.keys(differences).length).toBeGreaterThan(40);
    expect(
      Object.values(differences).every((count) => count === 0),
      JSON.stringify(differences),
    ).toBe(true);
    // The published Parquet marts (rebuilt ones and ones carried over) are the full build's, byte for byte.
    expect(await folderDigest(join(root, 'data', 'marts'))).toEqual(
      await folderDigest(join(fullRoot, 'data', 'marts')),
    );
  }
});
