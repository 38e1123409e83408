import { cp, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolvePaths, Warehouse } from '../../src/index.js';
import { readRunLog } from '../../src/refresh/run-log.js';
import { settlePreviousRuns } from '../../src/state/settle-previous-runs.js';
import { tempDir } from '../support/temp-warehouse.js';
import { folderDigest, runPulse, startPulse } from './spawn-pulse.js';

/**
 * kill -9 of the real pipeline (@pulse/models on the bundled sample) at random instants and at the
 * mid-write and mid-rename failpoints, for build and refresh. After each kill the published pair, once a
 * pending journal is settled (the first thing the next run does), is entirely the old one or entirely the
 * new one; the next run publishes the new one. The old and new states differ by their config (`as_of`),
 * which the warehouse records in pulse.ingested_files: that tells which warehouse is published.
 * PULSE_CRASH_RANDOM_KILLS (default 1 per command) raises the number of random kills for a soak run.
 */
const MODELS = fileURLToPath(new URL('../../../models/src/index.ts', import.meta.url));
const SAMPLE = fileURLToPath(new URL('../../../../data/raw/', import.meta.url));
const RANDOM_KILLS = Number(process.env.PULSE_CRASH_RANDOM_KILLS || 1);
const OLD_CONFIG = '{ "reporting_currency": "USD" }\n';
const NEW_CONFIG = '{ "reporting_currency": "USD", "as_of": "2026-06-30" }\n';

describe('kill -9 of the real pipeline never publishes half a run', () => {
  let root: string;
  let cleanup: () => Promise<void>;
  const dir = (...parts: string[]) => join(root, ...parts);
  const args = () => ['--project', MODELS, '--data', dir('data', 'raw')];
  const paths = () => resolvePaths({ cwd: root, env: {} });
  const states: Record<'old' | 'new', { config: string; marts: Record<string, string> }> = {} as never;
  let newBuildMs = 0;

  const configSha = async () => {
    const db = await Warehouse.open(dir('data', 'warehouse.duckdb'), { readOnly: true });
    try {
      const [row] = await db.query<{ sha256: string }>(
        "select sha256 from pulse.ingested_files where source = 'config'",
      );
      return row!.sha256;
    } finally {
      await db.close();
    }
  };
  const published = async () => ({
    config: await configSha(),
    marts: await folderDigest(dir('data', 'marts')),
  });
  /** What is in data/ besides the published pair, its manifest cache, the inputs and the run log. */
  const leftovers = async () =>
    (await readdir(dir('data'))).filter(
      (name) =>
        ![
          'raw',
          'marts',
          'warehouse.duckdb',
          'warehouse.duckdb.files.json',
          'pulse-runs.jsonl',
          'pulse.config.json',
        ].includes(name),
    );
  const restoreOld = async () => {
    await rm(dir('data', 'marts'), { recursive: true, force: true });
    for (const name of await leftovers()) await rm(dir('data', name), { recursive: true, force: true });
    await cp(dir('old', 'warehouse.duckdb'), dir('data', 'warehouse.duckdb'));
    await cp(dir('old', 'marts'), dir('data', 'marts'), { recursive: true });
    await writeFile(dir('data', 'pulse.config.json'), NEW_CONFIG);
  };

  beforeAll(async () => {
    ({ dir: root, cleanup } = await tempDir('pulse-real-crash-'));
    await cp(SAMPLE, dir('data', 'raw'), { recursive: true });
    await writeFile(dir('data', 'pulse.config.json'), NEW_CONFIG);
    const started = Date.now();
    expect((await runPulse(['build', ...args()], root)).code).toBe(0);
    newBuildMs = Date.now() - started;
    states.new = await published();
    await writeFile(dir('data', 'pulse.config.json'), OLD_CONFIG);
    expect((await runPulse(['build', ...args()], root)).code).toBe(0);
    states.old = await published();
    expect(states.old.marts).not.toEqual(states.new.marts);
    await cp(dir('data', 'warehouse.duckdb'), dir('old', 'warehouse.duckdb'));
    await cp(dir('data', 'marts'), dir('old', 'marts'), { recursive: true });
  });
  afterAll(() => cleanup());

  const random = Array.from({ length: RANDOM_KILLS }, (_, i) => ({ at: `random #${i + 1}`, pause: '' }));
  const midRename = { at: 'between the two renames (publishing)', pause: 'publishing' };
  // Mid-write once (build and refresh export through the same code); mid-rename for both (suite time).
  const kills = {
    build: [...random, { at: 'mid-write of the marts (exported)', pause: 'exported' }, midRename],
    refresh: [...random, midRename],
  };
  describe.each(['build', 'refresh'] as const)('pulse %s', (command) => {
    it.each(kills[command])(
      'kill -9 at $at: old or new pair, and the next run recovers',
      async ({ pause }) => {
        await restoreOld();
        const run = startPulse([command, ...args()], root, pause ? { PULSE_TEST_PAUSE_AT: pause } : {});
        if (pause) await run.waitFor(`paused at ${pause}`);
        // A random instant of a whole run, start-up and publish included (not a timing assertion).
        else await new Promise((resolve) => setTimeout(resolve, Math.random() * newBuildMs));
        run.child.kill('SIGKILL');
        await run.exited;

        // What a reader sees once the journal (if any) is settled, as the next run does first.
        await settlePreviousRuns(paths());
        const after = await published();
        expect([states.old, states.new]).toContainEqual(after);

        const next = await runPulse([command, ...args()], root);
        expect({ code: next.code, stderr: next.stderr }).toEqual({ code: 0, stderr: '' });
        expect(await published()).toEqual(states.new);
        expect(await leftovers()).toEqual([]);
      },
    );
  });

  // process.exit(143) from the handler waited for the DuckDB query in flight: the process must end by the
  // signal at once, with the old pair, no staged copy left and the run recorded.
  it.each([
    ['build', 'SIGTERM'],
    ['refresh', 'SIGINT'],
  ] as const)(
    'pulse %s stopped by %s while DuckDB builds the models: the old pair, recorded as interrupted',
    async (command, signal) => {
      await restoreOld();
      const run = startPulse([command, ...args()], root);
      await run.waitFor('[3/');
      run.child.kill(signal);
      const end = await run.exited;
      expect(end.signal).toBe(signal);
      expect(await published()).toEqual(states.old);
      expect(await leftovers()).toEqual([]);
      expect((await readRunLog(dir('data', 'warehouse.duckdb'))).at(-1)).toMatchObject({
        status: 'interrupted',
        command,
      });

      const next = await runPulse([command, ...args()], root);
      expect({ code: next.code, stderr: next.stderr }).toEqual({ code: 0, stderr: '' });
      expect(await published()).toEqual(states.new);
    },
  );
});
