import { readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-warehouse.js';
import { relationDifferences } from './relation-differences.js';
import { folderDigest, runPulse } from './spawn-pulse.js';

/**
 * A source read from a folder of another name (`sources.events.path`, as a Segment export lies): the
 * refresh recorded its files under the folder's name, so a pruned file was not seen as a change of the
 * events, and its rows stayed in stg_events and every mart built from it.
 */
describe('pulse refresh --prune of a file of a source read through sources.<source>.path', () => {
  let root: string;
  let cleanup: () => Promise<void>;
  const data = () => join(root, 'data');
  beforeAll(async () => {
    ({ dir: root, cleanup } = await tempDir('pulse-mapped-prune-'));
    const generated = await runPulse(
      ['generate', '--out', join(data(), 'raw'), '--accounts', '60', '--months', '5', '--seed', '11'],
      root,
    );
    expect(generated.code).toBe(0);
    await rename(join(data(), 'raw', 'events'), join(data(), 'raw', 'segment-tracks'));
    await writeFile(
      join(data(), 'pulse.config.json'),
      JSON.stringify({ sources: { events: { path: 'segment-tracks/' } } }),
    );
  });
  afterAll(() => cleanup());

  it("drops the file's events from stg_events and the marts, as a full build of the same files", async () => {
    expect((await runPulse(['refresh'], root)).code).toBe(0);
    const files = (await readdir(join(data(), 'raw', 'segment-tracks'))).sort();
    expect(files.length).toBeGreaterThan(1);
    await rm(join(data(), 'raw', 'segment-tracks', files[0]!));
    const pruned = await runPulse(['refresh', '--prune'], root);
    expect({ code: pruned.code, stderr: pruned.stderr }).toEqual({ code: 0, stderr: '' });
    expect(pruned.stdout).toContain('1 removed');

    const built = join(root, 'built', 'warehouse.duckdb');
    const build = await runPulse(
      ['build', '--data', join(data(), 'raw'), '--warehouse', built, '--marts', join(root, 'built', 'marts')],
      root,
    );
    expect({ code: build.code, stderr: build.stderr }).toEqual({ code: 0, stderr: '' });
    expect(
      await relationDifferences(join(data(), 'warehouse.duckdb'), built, [
        'raw.events',
        'staging.stg_events',
        'intermediate.int_account_daily_activity',
        'marts.engagement_monthly',
        'marts.health_scores',
      ]),
    ).toEqual({
      'raw.events': 0,
      'staging.stg_events': 0,
      'intermediate.int_account_daily_activity': 0,
      'marts.engagement_monthly': 0,
      'marts.health_scores': 0,
    });
    expect(await folderDigest(join(data(), 'marts'))).toEqual(
      await folderDigest(join(root, 'built', 'marts')),
    );
  });
});
