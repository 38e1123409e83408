import { existsSync } from 'node:fs';
import { appendFile, cp, readdir, readFile, rename, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Warehouse } from '../../src/index.js';
import { tempDir } from '../support/temp-warehouse.js';
import { runPulse, sha256File } from './spawn-pulse.js';

/**
 * The published marts are not what the last publish left (a mart deleted, cut short or overwritten with
 * text, the whole folder gone) while no data file changed: `pulse refresh` said "Up to date" and left
 * them so. It now re-exports them from the warehouse, which it does not rebuild.
 */
describe('pulse refresh republishes marts that are not as it published them', () => {
  let root: string;
  let cleanup: () => Promise<void>;
  const raw = () => join(root, 'data', 'raw');
  const marts = () => join(root, 'data', 'marts');
  const warehouse = () => join(root, 'data', 'warehouse.duckdb');

  // One generated and published project; each test damages its own copy (a copy moves every mtime,
  // which the refresh must take for no change: the first test's exact "Up to date" line checks it).
  let template: { dir: string; cleanup: () => Promise<void> };
  beforeAll(async () => {
    template = await tempDir('pulse-republish-template-');
    const generated = await runPulse(
      [
        'generate',
        '--out',
        join(template.dir, 'data', 'raw'),
        '--accounts',
        '40',
        '--months',
        '3',
        '--seed',
        '5',
      ],
      template.dir,
    );
    expect(generated.code).toBe(0);
    const published = await runPulse(['refresh'], template.dir);
    expect(published.code, published.stderr).toBe(0);
  });
  afterAll(() => template.cleanup());
  beforeEach(async () => {
    ({ dir: root, cleanup } = await tempDir('pulse-republish-'));
    await cp(template.dir, root, { recursive: true });
  });
  afterEach(() => cleanup());

  /** name → its rows, order-independent (a re-export may write them in another order). */
  async function martRows(dir = marts()): Promise<Record<string, string>> {
    const db = await Warehouse.open(':memory:');
    try {
      const rows: Record<string, string> = {};
      for (const name of (await readdir(dir)).filter((file) => file.endsWith('.parquet')).sort()) {
        const path = join(dir, name).replaceAll("'", "''");
        const [row] = await db.query<{ rows: string }>(
          `select count(*) || ':' || coalesce(md5(string_agg(t::varchar, '|' order by t::varchar)), '') as rows
           from read_parquet('${path}') t`,
        );
        rows[name] = row!.rows;
      }
      return rows;
    } finally {
      await db.close();
    }
  }

  it('a mart deleted, cut short or overwritten: re-exported from the warehouse, nothing rebuilt', async () => {
    const before = await martRows();
    const warehouseBefore = await sha256File(warehouse());
    await rm(join(marts(), 'mrr_monthly.parquet'));
    await truncate(join(marts(), 'health_scores.parquet'), 100);
    await writeFile(join(marts(), 'mrr_movers.parquet'), 'account_id,mrr\n');

    const refreshed = await runPulse(['refresh'], root);
    expect(refreshed.stderr).toBe('');
    expect(refreshed.code).toBe(0);
    expect(refreshed.stdout).toContain('Up to date: no file changed since the last refresh');
    expect(refreshed.stdout).toContain('nothing rebuilt');
    expect(refreshed.stdout).toContain(
      `Republished the marts: ${marts()} was not as the last publish left it (health_scores.parquet changed, ` +
        'mrr_monthly.parquet missing, mrr_movers.parquet changed); exported anew from the warehouse: ' +
        'health_scores, mrr_monthly, mrr_movers.\n',
    );
    expect(refreshed.stdout).not.toContain(' built ');
    expect(await martRows()).toEqual(before);
    expect(await sha256File(warehouse())).toBe(warehouseBefore);

    // What it republished is what the next refresh compares with: up to date, nothing republished.
    const again = await runPulse(['refresh'], root);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(
      'Up to date: no file changed since the last refresh (13 files unchanged); nothing rebuilt.\n',
    );
  });

  // A copy of the folder (a backup restored, `cp -r`, the bench's copies) moves every mtime and no byte:
  // re-exporting every mart on each such refresh would cost a large warehouse minutes for nothing.
  it('a copy of the marts folder (every mtime moved, no byte) is up to date; same-size text is not', async () => {
    const copy = join(root, 'marts-copy');
    await cp(marts(), copy, { recursive: true });
    await rm(marts(), { recursive: true });
    await rename(copy, marts());
    const copied = await runPulse(['refresh'], root);
    expect(copied.code).toBe(0);
    expect(copied.stdout).toBe(
      'Up to date: no file changed since the last refresh (13 files unchanged); nothing rebuilt.\n',
    );

    const mart = join(marts(), 'cohort_retention.parquet');
    const { size } = await stat(mart);
    await writeFile(mart, 'x'.repeat(size));
    const overwritten = await runPulse(['refresh'], root);
    expect(overwritten.code).toBe(0);
    expect(overwritten.stdout).toContain(
      '(cohort_retention.parquet changed); exported anew from the warehouse: cohort_retention.',
    );
  });

  it('the whole marts folder gone: republished', async () => {
    const before = await martRows();
    await rm(marts(), { recursive: true });
    const refreshed = await runPulse(['refresh'], root);
    expect(refreshed.code).toBe(0);
    expect(refreshed.stdout).toContain(
      `Republished the marts: ${marts()} was not as the last publish left it`,
    );
    expect(await martRows()).toEqual(before);
    const digest = await runPulse(['digest'], root);
    expect(digest.code, digest.stderr).toBe(0);
  });

  it('a damaged record of changes is dropped, the marts kept: pulse diff says none is recorded', async () => {
    await writeFile(join(marts(), 'changes', 'values.parquet'), 'not parquet');
    const refreshed = await runPulse(['refresh'], root);
    expect(refreshed.code).toBe(0);
    expect(refreshed.stdout).toContain('(changes/values.parquet changed)');
    expect(refreshed.stdout).toContain(
      'The record of what the last publish changed was damaged or removed and is dropped: `pulse diff` ' +
        'compares again after the next refresh that rebuilds.',
    );
    expect(existsSync(join(marts(), 'changes'))).toBe(false);
    const diff = await runPulse(['diff'], root);
    expect(diff.code).toBe(1);
    expect(diff.stderr).toContain('No changes recorded in');
  });

  // The refresh copied the damaged file of a kept model into the new marts, then failed with
  // "unexpected error" comparing it with the new run's (`pulse diff`'s record).
  it('with a changed file: a damaged mart of a kept model is exported anew, not copied, and not compared', async () => {
    await truncate(join(marts(), 'mrr_monthly.parquet'), 100);
    const survey = join(raw(), 'survey_responses.csv');
    const last = (await readFile(survey, 'utf8')).trimEnd().split('\n').at(-1)!;
    await appendFile(survey, `${last.replace(/^[^,]*,/, 'R-extra-1,')}\n`);

    const refreshed = await runPulse(['refresh'], root);
    expect(refreshed.stderr).toBe('');
    expect(refreshed.code).toBe(0);
    expect(refreshed.stdout).toMatch(/Models: +\d+ rebuilt, \d+ kept/);
    expect(refreshed.stdout).not.toContain('built marts.mrr_monthly');
    const db = await Warehouse.open(warehouse(), { readOnly: true });
    const [{ rows }] = (await db.query<{ rows: bigint }>(
      'select count(*) as rows from marts.mrr_monthly',
    )) as [{ rows: bigint }];
    await db.close();
    expect((await martRows())['mrr_monthly.parquet']).toMatch(new RegExp(`^${rows}:`));

    const diff = await runPulse(['diff', '--json'], root);
    expect(diff.code, diff.stderr).toBe(0);
    const changes = JSON.parse(diff.stdout);
    expect(changes.marts_not_compared).toContain('mrr_monthly');
    expect(changes.marts_compared).toContain('nps_monthly');
  });

  // A `--select` build links the published marts it does not rebuild into its new folder: the damaged one
  // was published again as it was, and recorded as intact.
  it('pulse build --select of other models exports a damaged mart anew instead of publishing it again', async () => {
    const before = await martRows();
    await truncate(join(marts(), 'mrr_monthly.parquet'), 100);
    const built = await runPulse(['build', '--select', 'stg_accounts'], root);
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    expect(built.stdout).toContain(
      'the published mart mrr_monthly was not as the last publish left it (removed, cut short or ' +
        'overwritten): exported anew from the warehouse.',
    );
    expect(await martRows()).toEqual(before);
    expect((await runPulse(['digest'], root)).code).toBe(0);
  });

  // What the damaged-mart message of `pulse digest` advises; it failed with "unexpected error" comparing
  // the damaged mart with the new one (`pulse diff`'s record).
  it('pulse build over a damaged mart publishes; the damaged mart is not compared', async () => {
    await writeFile(join(marts(), 'mrr_monthly.parquet'), 'not parquet');
    const built = await runPulse(['build'], root);
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    const diff = await runPulse(['diff', '--json'], root);
    expect(diff.code, diff.stderr).toBe(0);
    expect(JSON.parse(diff.stdout).marts_not_compared).toEqual(['mrr_monthly']);
    expect((await runPulse(['digest'], root)).code).toBe(0);
  });
});
