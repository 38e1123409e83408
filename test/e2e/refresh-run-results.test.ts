// The run_results.json of a nightly refresh that rebuilds only some models. It listed only those, so the
// report site said of every other mart "not in run_results.json: it cannot be confirmed that this run
// rebuilt it" (a new survey response raised that banner on the MRR, churn, CAC, renewals... pages), and
// the Data quality page showed the data tests of six models out of 35. The models a refresh keeps are
// now listed as the run that built them wrote them, with that run's id.
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPulseCli } from '../support/run-pulse-cli.js';
import { REPO_ROOT } from '../support/site-build.js';

interface Entry {
  name: string;
  status: string;
  tests: unknown[];
  kept_from_run?: string;
  export_path: string | null;
}
interface RunResults {
  metadata: { invocation_id: string };
  args: { command: string };
  results: Entry[];
}

const work = mkdtempSync(join(tmpdir(), 'pulse-refresh-run-results-'));
const pulse = (...args: string[]) => runPulseCli(work, args, { NO_COLOR: '1' });
const runResults = (): RunResults =>
  JSON.parse(readFileSync(join(work, 'w-target', 'run_results.json'), 'utf8'));
const modelNames = (): string[] =>
  Object.values(JSON.parse(readFileSync(join(work, 'w-target', 'manifest.json'), 'utf8')).nodes).map(
    (node) => (node as { name: string }).name,
  );

beforeAll(() => cpSync(join(REPO_ROOT, 'data', 'raw'), join(work, 'raw'), { recursive: true }));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("a refresh's run_results.json", () => {
  it('lists every model: those it rebuilt, and those it kept as the run that built them', async () => {
    const built = await pulse('build', '--data', 'raw', '--warehouse', 'w.duckdb');
    expect(built.code).toBe(0);
    const first = runResults();
    const models = modelNames();
    expect(first.results.map((entry) => entry.name).sort()).toEqual([...models].sort());

    // Only the surveys change: their models are rebuilt, every other one is kept.
    appendFileSync(
      join(work, 'raw', 'survey_responses.csv'),
      'R-NEW-1,00002,u1,nps,9,2026-10-10T10:00:00Z,\n',
    );
    const surveys = await pulse('refresh', '--data', 'raw', '--warehouse', 'w.duckdb');
    expect(surveys.code).toBe(0);
    const second = runResults();
    // One id for the run: the refresh's log line (and run log) names the run the artifacts and site name.
    expect(surveys.stdout).toContain(`Run:       ${second.metadata.invocation_id} in `);
    expect(second.args.command).toBe('refresh');
    expect(second.results.map((entry) => entry.name).sort()).toEqual([...models].sort());
    const rebuilt = second.results.filter((entry) => entry.kept_from_run === undefined).map((e) => e.name);
    expect(rebuilt).toEqual(expect.arrayContaining(['stg_survey_responses', 'nps_monthly', 'csat_monthly']));
    expect(rebuilt).not.toContain('mrr_monthly');
    const mrr = second.results.find((entry) => entry.name === 'mrr_monthly')!;
    expect(mrr).toEqual({
      ...first.results.find((entry) => entry.name === 'mrr_monthly'),
      kept_from_run: first.metadata.invocation_id,
    });
    // In build order, as a full build lists them.
    expect(second.results.map((entry) => entry.name)).toEqual(first.results.map((entry) => entry.name));

    // Kept again: still the id of the run that built it; nps_monthly, built by the second run, has its id.
    appendFileSync(join(work, 'raw', 'spend.csv'), 'ads,marketing,2026-10,USD,10\n');
    const spend = await pulse('refresh', '--data', 'raw', '--warehouse', 'w.duckdb');
    expect(spend.code).toBe(0);
    const third = runResults();
    const kept = (name: string) => third.results.find((entry) => entry.name === name)?.kept_from_run;
    expect(kept('mrr_monthly')).toBe(first.metadata.invocation_id);
    expect(kept('nps_monthly')).toBe(second.metadata.invocation_id);
    expect(third.results.every((entry) => entry.status === 'success')).toBe(true);

    // A `--select` build keeps the models it did not select, linked from the published warehouse.
    const selected = await pulse(
      'build',
      '--data',
      'raw',
      '--warehouse',
      'w.duckdb',
      '--select',
      'nps_monthly',
    );
    expect(selected.code).toBe(0);
    const fourth = runResults();
    expect(fourth.results.map((entry) => entry.name)).toEqual(first.results.map((entry) => entry.name));
    const keptNow = (name: string) => fourth.results.find((entry) => entry.name === name)?.kept_from_run;
    expect(keptNow('nps_monthly')).toBeUndefined();
    expect(keptNow('mrr_monthly')).toBe(first.metadata.invocation_id);

    // A run_results.json removed (or one an older Pulse wrote, listing only what it rebuilt): the next
    // refresh, though no file changed, rebuilds the models it has no entry for, and lists every model.
    rmSync(join(work, 'w-target', 'run_results.json'));
    const healed = await pulse('refresh', '--data', 'raw', '--warehouse', 'w.duckdb');
    expect(healed.code).toBe(0);
    expect(healed.stdout).not.toContain('Up to date');
    const fifth = runResults();
    expect(fifth.results.map((entry) => entry.name)).toEqual(first.results.map((entry) => entry.name));
    expect(fifth.results.filter((entry) => entry.kept_from_run !== undefined)).toEqual([]);
    const again = await pulse('refresh', '--data', 'raw', '--warehouse', 'w.duckdb');
    expect(again.stdout).toContain('Up to date');

    // Published to another marts folder: a kept mart's Parquet copy is there, and its entry says so.
    appendFileSync(
      join(work, 'raw', 'survey_responses.csv'),
      'R-NEW-3,00004,u1,nps,7,2026-10-12T10:00:00Z,\n',
    );
    const moved = await pulse('refresh', '--data', 'raw', '--warehouse', 'w.duckdb', '--marts', 'm2');
    expect(moved.code).toBe(0);
    const sixth = runResults();
    const mrrNow = sixth.results.find((entry) => entry.name === 'mrr_monthly')!;
    expect(mrrNow.kept_from_run).toBe(fifth.metadata.invocation_id);
    expect(mrrNow.export_path).toMatch(/(^|\/)m2\/mrr_monthly\.parquet$/);
  });
});
