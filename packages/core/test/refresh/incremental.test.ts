import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../../src/index.js';
import { readRunLog } from '../../src/refresh/run-log.js';
import { tempDir } from '../support/temp-warehouse.js';
import { relationDifferences } from './relation-differences.js';
import { folderDigest, runPulse, sha256File, startPulse } from './spawn-pulse.js';
import { monthFiles, writeStripeLayout } from './stripe-layout.js';

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

    const full = fullBuildOf(root);
    const pruned = await runPulse(['refresh', '--prune'], root);
    expect({ code: pruned.code, stderr: pruned.stderr }).toEqual({ code: 0, stderr: '' });
    expect(pruned.stdout).toContain('1 added, 1 changed, 1 removed');

    // events: only the new file is read (the removed part's rows dropped); tickets has a unique key, so all
    // of its files are read again.
    expect(pruned.stdout).toMatch(/events .*\(4 files, 1 new or changed read\)/);
    expect(pruned.stdout).toMatch(/accounts .*unchanged: rows kept/);
    await expectEqualToFullBuild(full);
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
    const [eventId, account, user, name, occurredAt] = existing!.split(',');
    const late = join(raw(), 'events', 'late-2026-04.csv');
    await writeFile(
      late,
      'event_id,account_id,user_id,event_name,occurred_at\nLATE-1,00001,u-late,report_viewed,2026-04-02T10:00:00Z\n' +
        ',00002,u-late,login,2026-04-03T10:00:00Z\n,00003,u-late,login,not-a-date\n' +
        `${eventId},${account},${user},${name},2026-04-04T10:00:00Z\n`,
    );
    const firstFull = fullBuildOf(root);
    const first = await runPulse(['refresh'], root);
    expect({ code: first.code, stderr: first.stderr }).toEqual({ code: 0, stderr: '' });
    expect(first.stdout).toMatch(/Read: +1 file \(/);
    // Only the days the late rows, and the other copy of the resent event, fall on (the quarantined row
    // has none), and the months of those days for the monthly mart.
    const days = [...new Set(['2026-04-02', '2026-04-03', '2026-04-04', occurredAt!.slice(0, 10)])].sort();
    // The progress line names the first three and elides the rest.
    const shown = days.length > 3 ? [...days.slice(0, 3), '…'] : days;
    const rebuilt = `rebuilt ${days.length} partitions: ${shown.join(', ')}`;
    expect(first.stdout).toMatch(new RegExp(`built staging\\.stg_events \\(table, \\d+ rows, ${rebuilt}\\)`));
    expect(first.stdout).toMatch(
      new RegExp(`built intermediate\\.int_account_daily_activity \\(table, \\d+ rows, ${rebuilt}\\)`),
    );
    expect(first.stdout).toMatch(
      /built marts\.engagement_account_months \(table, \d+ rows, rebuilt 2 partitions: 2026-04-01, 2026-\d\d-01\)/,
    );
    expect(first.stdout).toContain('built marts.engagement_monthly');
    // Revenue models read neither events nor anything built from them.
    expect(first.stdout).not.toContain('mrr_monthly');
    expect(first.stdout).not.toContain('stg_subscriptions');
    await expectEqualToFullBuild(firstFull);

    // A changed file replaces its rows: the bad row fixed, one row dropped, never duplicated.
    await writeFile(
      late,
      'event_id,account_id,user_id,event_name,occurred_at\nLATE-1,00001,u-late,report_viewed,2026-04-02T10:00:00Z\n' +
        ',00003,u-late,login,2026-04-05T10:00:00Z\n',
    );
    const secondFull = fullBuildOf(root);
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
    await expectEqualToFullBuild(secondFull);
    const [last] = (await readRunLog(warehouse())).slice(-1);
    expect(last).toMatchObject({ status: 'success', files_ingested: 1 });
    expect(last!.models_skipped).toBeGreaterThan(10);
  });

  it('a new day after as_of rebuilds only that day (and its month) of the event models, as a full build would', async () => {
    const asOf = await publishedAsOf();
    const day = new Date(Date.parse(`${asOf}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    // The day as_of moves onto, and its month. The old as_of day is not rebuilt: its events counted
    // before and still do (the full-build comparison below holds that).
    const days = `rebuilt 1 partition: ${day}`;
    const partitions = `rebuilt 1 partition: ${day.slice(0, 7)}-01`;
    await writeFile(
      join(raw(), 'events', 'next-day.csv'),
      'event_id,account_id,user_id,event_name,occurred_at\n' +
        `DAY-1,00001,u-day,login,${day}T08:00:00Z\nDAY-2,00002,u-day,report_viewed,${day}T09:30:00Z\n`,
    );
    const full = fullBuildOf(root);
    const refreshed = await runPulse(['refresh'], root);
    expect({ code: refreshed.code, stderr: refreshed.stderr }).toEqual({ code: 0, stderr: '' });
    for (const model of [
      'staging.stg_events',
      'intermediate.int_account_daily_activity',
      'marts.engagement_account_months',
    ])
      expect(refreshed.stdout).toContain(`built ${model} (table, `);
    expect(refreshed.stdout).toMatch(
      new RegExp(`built staging\\.stg_events \\(table, \\d+ rows, ${days}\\)`),
    );
    expect(refreshed.stdout).toMatch(
      new RegExp(`built intermediate\\.int_account_daily_activity \\(table, \\d+ rows, ${days}\\)`),
    );
    expect(refreshed.stdout).toMatch(
      new RegExp(`built marts\\.engagement_account_months \\(table, \\d+ rows, ${partitions}\\)`),
    );
    expect(await publishedAsOf()).toBe(day);
    // The staging tables bound to as_of have no row in the day it moved over, and no account came: kept.
    for (const model of ['stg_invoices', 'stg_tickets', 'stg_survey_responses'])
      expect(refreshed.stdout).not.toContain(`built staging.${model} `);
    // No value event that day and no account came: every account's time to value stays as it was.
    expect(refreshed.stdout).not.toContain('built marts.ttv_accounts ');
    // Account MRR: the snapshot day of the earlier as_of's month moved (and a new month may start).
    expect(refreshed.stdout).toMatch(
      new RegExp(
        `built intermediate\\.int_account_months \\(table, \\d+ rows, rebuilt \\d+ partitions?: ${asOf.slice(0, 7)}-01`,
      ),
    );
    // The marts above it follow those months: account MRR from the as_of month on, its movers in the months
    // it rebuilt, health scores in the months whose revenue, engagement or snapshot day moved (none before
    // the as_of month).
    for (const model of ['mrr_account_months', 'mrr_monthly', 'mrr_movers', 'health_scores'])
      expect(refreshed.stdout).toMatch(
        new RegExp(
          `built marts\\.${model} \\(table, \\d+ rows, rebuilt \\d+ partitions?: ${asOf.slice(0, 7)}-01`,
        ),
      );
    // The rewritten mart is stored (and exported) in grain order, byte for byte the full build's Parquet.
    await expectEqualToFullBuild(full);
  });

  it('a new day lets in the reply to a ticket of the day before: only that ticket’s month of stg_tickets is rebuilt', async () => {
    const asOf = await publishedAsOf();
    const dayAfter = (date: string, days: number) =>
      new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    const [day, later] = [dayAfter(asOf, 1), dayAfter(asOf, 2)];
    // Exported ahead of time: answered the day after as_of, resolved the day after that.
    await writeFile(
      join(raw(), 'tickets', 'answered-later.csv'),
      'ticket_id,account_id,created_at,first_response_at,resolved_at,priority,channel\n' +
        `LATE-1,00001,${asOf}T10:00:00Z,${day}T09:00:00Z,${later}T09:00:00Z,normal,email\n`,
    );
    const first = await runPulse(['refresh'], root);
    expect({ code: first.code, stderr: first.stderr }).toEqual({ code: 0, stderr: '' });
    const ticket = () =>
      readOnly(warehouse(), (db) =>
        db.query<{ answered: boolean; resolved: boolean }>(
          `select first_response_at is not null as answered, resolved_at is not null as resolved
           from staging.stg_tickets where ticket_id = 'LATE-1'`,
        ),
      );
    expect(await ticket()).toEqual([{ answered: false, resolved: false }]);
    await writeFile(
      join(raw(), 'events', 'reply-day.csv'),
      `event_id,account_id,user_id,event_name,occurred_at\nREPLY-1,00002,u-reply,login,${day}T08:00:00Z\n`,
    );
    const full = fullBuildOf(root);
    const refreshed = await runPulse(['refresh'], root);
    expect({ code: refreshed.code, stderr: refreshed.stderr }).toEqual({ code: 0, stderr: '' });
    expect(await publishedAsOf()).toBe(day);
    expect(refreshed.stdout).toMatch(
      new RegExp(
        `built staging\\.stg_tickets \\(table, \\d+ rows, rebuilt 1 partition: ${asOf.slice(0, 7)}-01\\)`,
      ),
    );
    for (const model of ['stg_invoices', 'stg_survey_responses'])
      expect(refreshed.stdout).not.toContain(`built staging.${model} `);
    expect(await ticket()).toEqual([{ answered: true, resolved: false }]);
    await expectEqualToFullBuild(full);
  });

  it('accounts: a new signup with its first events reads only the new files and rebuilds only their day', async () => {
    const asOf = await publishedAsOf();
    await appendLine(join(raw(), 'accounts.csv'), `09101,Signup Co,${asOf}T08:00:00Z,smb,EMEA,organic`);
    await writeFile(
      join(raw(), 'events', 'signup.csv'),
      'event_id,account_id,user_id,event_name,occurred_at\n' +
        `SIGNUP-1,09101,u-signup,login,${asOf}T09:00:00Z\nSIGNUP-2,09101,u-signup,report_viewed,${asOf}T09:30:00Z\n` +
        `SIGNUP-3,09101,u-signup,value_moment,${asOf}T09:45:00Z\n`,
    );
    const full = fullBuildOf(root);
    const refreshed = await runPulse(['refresh'], root);
    expect({ code: refreshed.code, stderr: refreshed.stderr }).toEqual({ code: 0, stderr: '' });
    // No account went and no event waits in quarantine as an orphan: the events keep their rows and only
    // the new file is read (before, a changed accounts file re-read every event).
    expect(refreshed.stdout).toMatch(/events .*\(\d+ files, 1 new or changed read\)/);
    expect(refreshed.stdout).toMatch(
      new RegExp(`built staging\\.stg_events \\(table, \\d+ rows, rebuilt 1 partition: ${asOf}\\)`),
    );
    // Time to value: the one account that came, and reached value, not every account again.
    expect(refreshed.stdout).toMatch(
      /built marts\.ttv_accounts \(table, \d+ rows, rebuilt 1 partition: 09101\)/,
    );
    // The account's segment rows come alone; it has no revenue, so the monthly MRR totals stay as they were.
    expect(refreshed.stdout).toMatch(
      /built intermediate\.int_account_segments \(table, \d+ rows, rebuilt 1 partition: 09101\)/,
    );
    expect(refreshed.stdout).not.toContain('built marts.mrr_monthly ');
    await expectEqualToFullBuild(full);
  });

  /**
   * A change in each source (and in the config, and an as_of moving into a new month), one after the
   * other on the same data: every refresh must change the published marts (so the change matters) and
   * give exactly what a full `pulse build` of the same files gives.
   */
  async function refreshAfter(change: () => Promise<void>, flags: readonly string[] = []): Promise<string> {
    const before = await folderDigest(join(root, 'data', 'marts'));
    await change();
    const full = fullBuildOf(root);
    const refreshed = await runPulse(['refresh', ...flags], root);
    expect({ code: refreshed.code, stderr: refreshed.stderr }).toEqual({ code: 0, stderr: '' });
    expect(refreshed.stdout).not.toContain('Up to date');
    expect(await folderDigest(join(root, 'data', 'marts'))).not.toEqual(before);
    await expectEqualToFullBuild(full);
    return refreshed.stdout;
  }
  /** The number of models a refresh kept, from its summary. */
  const kept = (stdout: string) => Number(/Models: +\d+ rebuilt, (\d+) kept/.exec(stdout)?.[1]);
  /** The sources whose rows a refresh kept without reading their files, from its ingestion lines. */
  const sourcesKept = (stdout: string) =>
    [...stdout.matchAll(/^(\w+) .*unchanged: rows kept\)$/gm)].map((match) => match[1]).sort();

  it('accounts: a changed segment and a new account give the full build', async () => {
    const stdout = await refreshAfter(async () => {
      await editCsv(join(raw(), 'accounts.csv'), (row) => {
        if (row.segment !== 'smb') return false;
        row.segment = 'enterprise';
        return true;
      });
      await appendLine(
        join(raw(), 'accounts.csv'),
        '09001,Zeta New Co,2026-06-03T09:00:00Z,strategic,EMEA,partner',
      );
    });
    // G5: the new account's segment gets its rows in every monthly mart, even without MRR.
    const [strategic] = await readOnly(warehouse(), (db) =>
      db.query<{ n: number }>(
        "select count(*)::integer as n from marts.mrr_monthly where segment = 'strategic'",
      ),
    );
    expect(strategic!.n).toBeGreaterThan(0);
    // The incremental path: only accounts is read again. The sources referencing it keep their rows: no
    // account went, and no row was quarantined as an orphan that a new account could let in.
    expect(sourcesKept(stdout)).toEqual([
      'events',
      'fx_rates',
      'invoices',
      'spend',
      'subscriptions',
      'survey_responses',
      'tickets',
    ]);
  });

  it('accounts: a paying account moving to another segment rebuilds the months it paid in of mrr_monthly', async () => {
    const candidates = await readOnly(warehouse(), (db) =>
      db.query<{ account_id: string; segment: string; months: number }>(
        `select r.account_id, a.segment, count(*)::integer as months
           from marts.mrr_account_months r join staging.stg_accounts a using (account_id)
          where a.segment in ('smb', 'mid_market') and r.mrr > 0
          group by all order by months, r.account_id`,
      ),
    );
    // editCsv edits lines without quotes only.
    const plain = new Set(
      (await readFile(join(raw(), 'accounts.csv'), 'utf8'))
        .split('\n')
        .filter((line) => !line.includes('"'))
        .map((line) => line.slice(0, line.indexOf(','))),
    );
    const paying = candidates.find((account) => plain.has(account.account_id));
    const stdout = await refreshAfter(() =>
      editCsv(join(raw(), 'accounts.csv'), (row) => {
        if (row.account_id !== paying!.account_id) return false;
        row.segment = paying!.segment === 'smb' ? 'mid_market' : 'smb';
        return true;
      }),
    );
    expect(stdout).toMatch(
      new RegExp(
        `built intermediate\\.int_account_segments \\(table, \\d+ rows, rebuilt 1 partition: ${paying!.account_id}\\)`,
      ),
    );
    // Not the whole mart: the months with a row of that account (from its first paying month on).
    const rebuilt = /built marts\.mrr_monthly \(table, \d+ rows, rebuilt (\d+) partitions?: /.exec(stdout);
    expect(Number(rebuilt?.[1])).toBeGreaterThanOrEqual(paying!.months);
  });

  it('subscriptions: a changed amount gives the full build', async () => {
    const stdout = await refreshAfter(() =>
      editCsv(join(raw(), 'subscriptions.csv'), (row) => {
        if (row.billing_interval !== 'month' || row.is_trial !== 'false' || !(Number(row.amount) > 0))
          return false;
        row.amount = (Number(row.amount) * 2).toFixed(2);
        return true;
      }),
    );
    expect(stdout).toMatch(/Read: +1 file \(/);
    expect(kept(stdout)).toBeGreaterThan(0);
    // The periods whose rows changed are found by comparing them: their start days, not the whole table.
    expect(stdout).toMatch(/built staging\.stg_subscriptions \(table, \d+ rows, rebuilt \d+ partitions?: /);
  });

  it('subscriptions: a period starting on the as_of day rebuilds that day and the as_of month of account MRR', async () => {
    const asOf = await publishedAsOf();
    const stdout = await refreshAfter(() =>
      appendLine(join(raw(), 'subscriptions.csv'), `00003,SUB-ASOF,starter,month,480.00,USD,${asOf},,false`),
    );
    expect(stdout).toMatch(
      new RegExp(`built staging\\.stg_subscriptions \\(table, \\d+ rows, rebuilt 1 partition: ${asOf}\\)`),
    );
    expect(stdout).toMatch(
      new RegExp(
        `built intermediate\\.int_account_months \\(table, \\d+ rows, rebuilt 1 partition: ${asOf.slice(0, 7)}-01\\)`,
      ),
    );
    // The as_of month is the last one: account MRR, its monthly totals, its movers and health scores
    // rebuild it alone.
    for (const model of ['mrr_account_months', 'mrr_monthly', 'mrr_movers', 'health_scores'])
      expect(stdout).toMatch(
        new RegExp(
          `built marts\\.${model} \\(table, \\d+ rows, rebuilt 1 partition: ${asOf.slice(0, 7)}-01\\)`,
        ),
      );
  });

  it('invoices: a changed paid amount gives the full build', async () => {
    const stdout = await refreshAfter(() =>
      editCsv(join(raw(), 'invoices.csv'), (row) => {
        if (row.status !== 'paid' || !(Number(row.amount) > 0)) return false;
        row.amount = (Number(row.amount) * 3).toFixed(2);
        return true;
      }),
    );
    expect(stdout).toMatch(/Read: +1 file \(/);
    expect(kept(stdout)).toBeGreaterThan(0);
  });

  it('fx_rates: changed EUR rates give the full build', async () => {
    const stdout = await refreshAfter(async () => {
      const path = join(raw(), 'fx_rates.jsonl');
      const lines = (await readFile(path, 'utf8')).trimEnd().split('\n');
      const changed = lines.map((line) => {
        const rate = JSON.parse(line) as { date: string; currency: string; rate: number };
        return rate.currency === 'EUR'
          ? JSON.stringify({ ...rate, rate: +(rate.rate * 1.05).toFixed(6) })
          : line;
      });
      expect(changed).not.toEqual(lines);
      await writeFile(path, `${changed.join('\n')}\n`);
    });
    // Read again with the sources converted at its rates (subscriptions, invoices, spend); the others kept.
    expect(sourcesKept(stdout)).toEqual(['accounts', 'events', 'survey_responses', 'tickets']);
    expect(kept(stdout)).toBeGreaterThan(0);
  });

  it('spend: a changed amount and a row of a new channel give the full build', async () => {
    const stdout = await refreshAfter(async () => {
      await editCsv(join(raw(), 'spend.csv'), (row) => {
        if (row.category !== 'marketing' || !(Number(row.amount) > 0)) return false;
        row.amount = (Number(row.amount) * 2).toFixed(2);
        return true;
      });
      await appendLine(join(raw(), 'spend.csv'), 'podcast,marketing,2026-06,USD,4321.50');
    });
    // spend is judged row by row: its one changed file is read again, every other source kept.
    expect(stdout).toMatch(/^spend .*\(1 file, 1 new or changed read\)$/m);
    expect(sourcesKept(stdout)).toEqual([
      'accounts',
      'events',
      'fx_rates',
      'invoices',
      'subscriptions',
      'survey_responses',
      'tickets',
    ]);
    // The new channel gets its rows in cac_monthly (a full grid).
    const [podcast] = await readOnly(warehouse(), (db) =>
      db.query<{ n: number }>(
        "select count(*)::integer as n from marts.cac_monthly where channel = 'podcast' and spend > 0",
      ),
    );
    expect(podcast!.n).toBe(1);
    expect(kept(stdout)).toBeGreaterThan(0);
  });

  it('survey_responses: a changed score and an added response give the full build', async () => {
    const stdout = await refreshAfter(async () => {
      let answered: Record<string, string> | undefined;
      await editCsv(join(raw(), 'survey_responses.csv'), (row) => {
        if (row.survey !== 'nps' || Number(row.score) < 9) return false;
        row.score = '2';
        answered = { ...row };
        return true;
      });
      // A CSAT answer by the same account at the same instant: it exists then, and as_of stays put.
      await appendLine(
        join(raw(), 'survey_responses.csv'),
        `R-PULSE-1,${answered!.account_id},u-survey,csat,5,${answered!.responded_at},`,
      );
    });
    // survey_responses has a unique key: read whole; it reads accounts, unchanged, so the others are kept.
    expect(sourcesKept(stdout)).toEqual([
      'accounts',
      'events',
      'fx_rates',
      'invoices',
      'spend',
      'subscriptions',
      'tickets',
    ]);
    expect(stdout).not.toContain('mrr_monthly');
    expect(kept(stdout)).toBeGreaterThan(0);
  });

  it('spend: a removed file is refused without --prune; with it, its rows are dropped as a full build would', async () => {
    // spend.csv becomes a folder of monthly files, the latest month's file missing (a half-synced export).
    const path = join(raw(), 'spend.csv');
    const [header, ...lines] = (await readFile(path, 'utf8')).trimEnd().split('\n');
    const monthAt = header!.split(',').findIndex((name) => name.trim().toLowerCase() === 'month');
    const byMonth = new Map<string, string[]>();
    for (const line of lines) {
      const month = line.split(',')[monthAt]!.slice(0, 7);
      byMonth.set(month, [...(byMonth.get(month) ?? []), line]);
    }
    const months = [...byMonth.keys()].sort();
    expect(months.length).toBeGreaterThan(3);
    const move = async () => {
      await rm(path);
      await mkdir(join(raw(), 'spend'));
      for (const month of months.slice(0, -1))
        await writeFile(
          join(raw(), 'spend', `${month}.csv`),
          `${[header, ...byMonth.get(month)!].join('\n')}\n`,
        );
    };
    await move();
    const before = await sha256File(warehouse());
    const refused = await runPulse(['refresh'], root);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('spend.csv');
    expect(refused.stderr).toContain('--prune');
    expect(await sha256File(warehouse())).toBe(before);

    const stdout = await refreshAfter(async () => {}, ['--prune']);
    expect(stdout).toContain(`${months.length - 1} added, 0 changed, 1 removed`);
    expect(stdout).toMatch(
      new RegExp(`^spend .*\\(${months.length - 1} files, ${months.length - 1} new or changed read\\)$`, 'm'),
    );
    expect(sourcesKept(stdout)).not.toContain('spend');
    expect(sourcesKept(stdout)).toHaveLength(7);
    // The removed file's rows are gone, the others read once: no row lost, none doubled.
    const [loaded] = await readOnly(warehouse(), (db) =>
      db.query<{ n: number }>('select count(*)::integer as n from raw.spend'),
    );
    expect(loaded!.n).toBe(lines.length - byMonth.get(months.at(-1)!)!.length);
  });

  it('config: a new pulse.config.json beside the data folder gives the full build', async () => {
    const stdout = await refreshAfter(() =>
      writeFile(
        join(root, 'data', 'pulse.config.json'),
        JSON.stringify({ gross_margin: 0.5, renewal_grace_days: 10, health_weights: { engagement: 0.6 } }),
      ),
    );
    // Every judgement may differ under another config: everything is read and rebuilt.
    expect(kept(stdout)).toBe(0);
  });

  it('as_of: an event in the month after the as-of month moves as_of into it and gives the full build', async () => {
    const [last] = await readOnly(warehouse(), (db) =>
      db.query<{ month: string }>(
        "select max(month)::varchar as month from marts.mrr_monthly where segment = 'all'",
      ),
    );
    const next = new Date(`${last!.month}T00:00:00Z`);
    next.setUTCMonth(next.getUTCMonth() + 1, 2);
    const day = next.toISOString().slice(0, 10);
    const stdout = await refreshAfter(() =>
      writeFile(
        join(raw(), 'events', 'next-month.csv'),
        `event_id,account_id,user_id,event_name,occurred_at\nNEXT-1,00001,u-next,login,${day}T08:00:00Z\n`,
      ),
    );
    const [now] = await readOnly(warehouse(), (db) =>
      db.query<{ month: string }>(
        "select max(month)::varchar as month from marts.mrr_monthly where segment = 'all'",
      ),
    );
    expect(now!.month).toBe(`${day.slice(0, 7)}-01`);
    expect(stdout).toMatch(/Read: +1 file \(/);
    expect(stdout).toMatch(/built staging\.stg_events \(table, \d+ rows, rebuilt \d+ partitions?/);
  });

  it('as_of: the config setting as_of a month back, its only change, gives the full build', async () => {
    const asOfMonth = async () => {
      const [row] = await readOnly(warehouse(), (db) =>
        db.query<{ month: string }>(
          "select max(month)::varchar as month from marts.mrr_monthly where segment = 'all'",
        ),
      );
      return row!.month;
    };
    const back = new Date(`${await asOfMonth()}T00:00:00Z`);
    back.setUTCMonth(back.getUTCMonth() - 1, 15);
    const asOf = back.toISOString().slice(0, 10);
    const path = join(root, 'data', 'pulse.config.json');
    // The config of the step before (or none, when run alone with -t): as_of is its only change.
    const config = JSON.parse(await readFile(path, 'utf8').catch(() => '{}')) as Record<string, unknown>;
    expect(config).not.toHaveProperty('as_of');
    const stdout = await refreshAfter(() => writeFile(path, JSON.stringify({ ...config, as_of: asOf })));
    expect(await asOfMonth()).toBe(`${asOf.slice(0, 7)}-01`);
    // A changed config rebuilds everything (README, Scheduling), an as_of-only change too.
    expect(kept(stdout)).toBe(0);
  });

  it("accounts: a created_at moved past a pinned as_of and back hands the account's copy of an event id to another account's copy, and takes it back, as a full build would", async () => {
    // G2: an account created after as_of does not exist, nor do its rows, so its copy of an event id takes
    // no part in choosing the copy that counts. Its created_at is its only change: its events stay in raw.
    if (!existsSync(warehouse())) expect((await runPulse(['refresh'], root)).code).toBe(0);
    const path = join(root, 'data', 'pulse.config.json');
    const config = JSON.parse(await readFile(path, 'utf8').catch(() => '{}')) as Record<string, unknown>;
    const asOf = (config.as_of as string | undefined) ?? (await publishedAsOf());
    // A kept event with an id of account Y, and Z, another account that exists by as_of.
    const [pick] = await readOnly(warehouse(), (db) =>
      db.query<{ y: string; id: string; at: string; z: string }>(
        `select s.account_id as y, r.event_id as id, strftime(s.occurred_at, '%Y-%m-%dT%H:%M:%SZ') as at,
                (select min(account_id) from staging.stg_accounts where account_id <> s.account_id) as z
           from staging.stg_events s join raw.events r on r._file = s.source_file and r._line = s.source_line
          where r.event_id is not null and s.account_id <> '00001'
          order by s.account_id, s.occurred_at, r.event_id limit 1`,
      ),
    );
    expect(pick).toBeDefined();
    const { y, id, at, z } = pick!;
    const keptBy = async () =>
      (
        await readOnly(warehouse(), (db) =>
          db.query<{ account_id: string }>(
            `select s.account_id from staging.stg_events s
               join raw.events r on r._file = s.source_file and r._line = s.source_line
              where r.event_id = '${id}'`,
          ),
        )
      ).map((row) => row.account_id);
    // Z's copy of the id, on a later day with no event of Y (so rebuilding Y's days alone would miss it):
    // hidden while Y exists. (A new event of Z changes the marts.)
    const yDays = new Set(
      (
        await readOnly(warehouse(), (db) =>
          db.query<{ day: string }>(
            `select distinct event_date::varchar as day from staging.stg_events where account_id = '${y}'`,
          ),
        )
      ).map((row) => row.day),
    );
    let later = at;
    do later = new Date(Date.parse(later) + 86_400_000).toISOString().replace('.000Z', 'Z');
    while (yDays.has(later.slice(0, 10)));
    expect(later.slice(0, 10) <= asOf).toBe(true);
    await refreshAfter(async () => {
      await writeFile(path, JSON.stringify({ ...config, as_of: asOf }));
      await writeFile(
        join(raw(), 'events', 'handover.csv'),
        `event_id,account_id,user_id,event_name,occurred_at\n${id},${z},u-handover,login,${later}\n` +
          `HANDOVER-1,${z},u-handover,login,${later}\n`,
      );
    });
    expect(await keptBy()).toEqual([y]);
    const accounts = join(raw(), 'accounts.csv');
    let createdAt = '';
    const afterAsOf = `${new Date(Date.parse(`${asOf}T00:00:00Z`) + 5 * 86_400_000).toISOString().slice(0, 10)}T00:00:00Z`;
    const went = await refreshAfter(() =>
      editCsv(accounts, (row) => {
        if (row.account_id !== y) return false;
        createdAt = row.created_at!;
        row.created_at = afterAsOf;
        return true;
      }),
    );
    // By day, not whole: the days of Y's rows and of the other copies of their ids.
    expect(went).toMatch(/built staging\.stg_events \(table, \d+ rows, rebuilt \d+ partitions?/);
    expect(await keptBy()).toEqual([z]);
    const came = await refreshAfter(() =>
      editCsv(accounts, (row) => {
        if (row.account_id !== y) return false;
        row.created_at = createdAt;
        return true;
      }),
    );
    expect(came).toMatch(/built staging\.stg_events \(table, \d+ rows, rebuilt \d+ partitions?/);
    expect(await keptBy()).toEqual([y]);
  });

  // Last: the account's events stay quarantined as orphans, which would change what the tests above keep.
  it('accounts: an account that goes turns its events into orphans, and one that comes back lets them in, each read again as a full build would', async () => {
    const path = join(raw(), 'accounts.csv');
    const [header, ...lines] = (await readFile(path, 'utf8')).trimEnd().split('\n');
    const account = lines.find((line) => line.startsWith('00003,'))!;
    expect(account).toBeDefined();
    const stdout = await refreshAfter(async () => {
      await writeFile(path, `${[header, ...lines.filter((line) => line !== account)].join('\n')}\n`);
    });
    expect(stdout).toMatch(/events .*\(\d+ files\)$/m);
    expect(stdout).toMatch(/built staging\.stg_events \(table, \d+ rows\)/);
    // Back again: every kept event still finds its account, but its events wait in quarantine as orphans,
    // which only a full read of the events can let in.
    const again = await refreshAfter(() => appendLine(path, account));
    expect(again).toMatch(/events .*\(\d+ files\)$/m);
    expect(again).toMatch(/built staging\.stg_events \(table, \d+ rows\)/);
  });

  it('accounts: when an account goes, a row of it quarantined for a later column becomes an orphan, as in a full build', async () => {
    // Its only event is quarantined for occurred_at, a column after account_id: while the account is
    // there that is its first problem; once the account went, orphan_account (on account_id) comes first.
    const accounts = join(raw(), 'accounts.csv');
    const line = '09201,Short Lived Co,2026-01-05T09:00:00Z,smb,EMEA,organic';
    await refreshAfter(async () => {
      await appendLine(accounts, line);
      await writeFile(
        join(raw(), 'events', 'short-lived.csv'),
        'event_id,account_id,user_id,event_name,occurred_at\nSHORT-1,09201,u-short,login,not-a-time\n',
      );
    });
    const reasons = async () =>
      readOnly(warehouse(), (db) =>
        db.query<{ reason_code: string }>(
          "select reason_code from quarantine.events where file = 'events/short-lived.csv'",
        ),
      );
    expect(await reasons()).toEqual([{ reason_code: 'wrong_type' }]);
    await writeFile(accounts, (await readFile(accounts, 'utf8')).replace(`${line}\n`, ''));
    const full = fullBuildOf(root);
    const refreshed = await runPulse(['refresh'], root);
    expect({ code: refreshed.code, stderr: refreshed.stderr }).toEqual({ code: 0, stderr: '' });
    expect(await reasons()).toEqual([{ reason_code: 'orphan_account' }]);
    await expectEqualToFullBuild(full);
  });

  const expectEqualToFullBuild = (full: Promise<FullBuild>) => expectRefreshEqualsFullBuild(root, full);
  /** The as_of of the published warehouse's last build. */
  const publishedAsOf = async () => {
    const [state] = await readOnly(warehouse(), (db) =>
      db.query<{ as_of: string }>("select vars->>'asOf' as as_of from pulse.build_vars"),
    );
    return state!.as_of;
  };
});

describe('pulse refresh: a Stripe-layout data folder (presets.stripe) equals a full build', () => {
  let root: string;
  let cleanup: () => Promise<void>;
  const stripe = () => join(root, 'data', 'raw', 'stripe');
  const sourcesKept = (stdout: string) =>
    [...stdout.matchAll(/^(\w+) .*unchanged: rows kept\)$/gm)].map((match) => match[1]).sort();
  beforeAll(async () => {
    ({ dir: root, cleanup } = await tempDir('pulse-refresh-stripe-'));
    await writeStripeLayout(join(root, 'data', 'raw'), ['2024-01', '2024-02', '2024-03']);
    await writeFile(join(root, 'data', 'pulse.config.json'), JSON.stringify({ presets: { stripe: {} } }));
    const first = await runPulse(['refresh'], root);
    expect({ code: first.code, stderr: first.stderr }).toEqual({ code: 0, stderr: '' });
    expect(first.stdout).toMatch(/subscriptions +13 read = 13 loaded \+ 0 quarantined/);
  });
  afterAll(() => cleanup());

  it('a new daily line-item file alone re-derives subscriptions only', async () => {
    // A mid-month upgrade of customer 7 on an existing invoice: a proration line in a file of its own.
    await writeFile(
      join(stripe(), 'invoice_line_item', '2024-03-16.csv'),
      'id,invoice_id,type,subscription_id,subscription_item_id,price_id,amount,currency,quantity,proration,period_start,period_end\n' +
        'il_up_7,in_2024-03_7,subscription,sub_7,si_7,price_pro,2580,usd,1,true,2024-03-16 00:00:00,2024-04-01 00:00:00\n',
    );
    const full = fullBuildOf(root);
    const refreshed = await runPulse(['refresh'], root);
    expect({ code: refreshed.code, stderr: refreshed.stderr }).toEqual({ code: 0, stderr: '' });
    expect(sourcesKept(refreshed.stdout)).toEqual(['accounts', 'invoices']);
    await expectRefreshEqualsFullBuild(root, full);
  });

  it('a new month of invoices and line items and a changed customer give the full build', async () => {
    for (const [path, text] of Object.entries(monthFiles('2024-04')))
      await writeFile(join(stripe(), path), text);
    const customers = join(stripe(), 'customer.csv');
    await writeFile(
      customers,
      (await readFile(customers, 'utf8')).replace('""segment"":""smb""', '""segment"":""mid_market""'),
    );
    const full = fullBuildOf(root);
    const refreshed = await runPulse(['refresh'], root);
    expect({ code: refreshed.code, stderr: refreshed.stderr }).toEqual({ code: 0, stderr: '' });
    expect(refreshed.stdout).toContain('2 added, 1 changed, 0 removed');
    expect(sourcesKept(refreshed.stdout)).toEqual([]);
    await expectRefreshEqualsFullBuild(root, full);
  });
});

interface FullBuild {
  readonly warehouse: string;
  readonly martsDir: string;
  readonly code: number | null;
  readonly stderr: string;
}

/**
 * A full `pulse build` of the data folder under `root`, into a root of its own (its Parquet marts must not
 * overwrite the refreshed ones). Started right after a test edits the files, it runs beside the refresh
 * under test: both only read the data folder, and the suite spends the time of one, not of both.
 */
function fullBuildOf(root: string): Promise<FullBuild> {
  const fullRoot = join(root, 'full-build');
  const warehouse = join(fullRoot, 'warehouse.duckdb');
  const martsDir = join(fullRoot, 'data', 'marts');
  const built = (async () => {
    await rm(fullRoot, { recursive: true, force: true });
    await mkdir(fullRoot);
    const run = await runPulse(
      ['build', '--data', join(root, 'data', 'raw'), '--warehouse', warehouse, '--marts', martsDir],
      fullRoot,
    );
    return { warehouse, martsDir, code: run.code, stderr: run.stderr };
  })();
  // A test that fails before awaiting it must not turn it into an unhandled rejection.
  built.catch(() => {});
  return built;
}

/** Every relation of the refreshed warehouse under `root` equals a full `pulse build` of the same files. */
async function expectRefreshEqualsFullBuild(root: string, started: Promise<FullBuild>): Promise<void> {
  const build = await started;
  const full = build.warehouse;
  expect(build.code, build.stderr).toBe(0);
  const differences = await relationDifferences(join(root, 'data', 'warehouse.duckdb'), full);
  expect(Object.keys(differences).length).toBeGreaterThan(40);
  expect(
    Object.values(differences).every((count) => count === 0),
    JSON.stringify(differences),
  ).toBe(true);
  // The published Parquet marts (rebuilt ones and ones carried over) are the full build's, byte for byte.
  expect(await folderDigest(join(root, 'data', 'marts'))).toEqual(await folderDigest(build.martsDir));
  // So is each source's latest record (read after the refresh's ingestion commits: ingest-sources.ts).
  const latest = async (dir: string) =>
    Object.fromEntries(
      (
        JSON.parse(await readFile(join(dir, 'target', 'run_results.json'), 'utf8')).sources as {
          name: string;
          latest_record_at: string | null;
        }[]
      ).map((source) => [source.name, source.latest_record_at]),
    );
  const refreshed = await latest(root);
  expect(refreshed.accounts).toMatch(/^\d{4}-\d\d-\d\dT/);
  expect(refreshed).toEqual(await latest(dirname(dirname(build.martsDir))));
}

async function readOnly<T>(path: string, read: (db: Warehouse) => Promise<T>): Promise<T> {
  const db = await Warehouse.open(path, { readOnly: true });
  try {
    return await read(db);
  } finally {
    await db.close();
  }
}

async function appendLine(path: string, line: string): Promise<void> {
  const text = await readFile(path, 'utf8');
  await writeFile(path, `${text.trimEnd()}\n${line}\n`);
}

/**
 * Edits the first row (without quotes) of a simple CSV file that `edit` accepts (returns true after
 * changing it); columns by their trimmed lower-case header names. Fails when no row was edited.
 */
async function editCsv(path: string, edit: (row: Record<string, string>) => boolean): Promise<void> {
  const [header, ...lines] = (await readFile(path, 'utf8')).trimEnd().split('\n');
  const names = header!.split(',').map((name) => name.trim().toLowerCase());
  let edited = false;
  const out = lines.map((line) => {
    if (edited || line.includes('"')) return line;
    const values = line.split(',');
    const row = Object.fromEntries(names.map((name, i) => [name, values[i] ?? '']));
    if (!edit(row)) return line;
    edited = true;
    return names.map((name) => row[name]).join(',');
  });
  expect(edited, `no row of ${path} to edit`).toBe(true);
  await writeFile(path, `${[header, ...out].join('\n')}\n`);
}
