import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/site-build.js';

interface TurboTask {
  readonly cache?: boolean;
  readonly inputs?: readonly (string | { readonly globs: readonly string[] })[];
}

const tasks = (
  JSON.parse(readFileSync(join(REPO_ROOT, 'turbo.json'), 'utf8')) as { tasks: Record<string, TurboTask> }
).tasks;

describe('turbo.json', () => {
  it('never serves the warehouse task from cache: a hit put back older marts beside a newer warehouse', () => {
    // The warehouse, its run log and companions are state no cache restores together; `pulse refresh` is
    // the cache (data files, config and model code compared with what the warehouse was built from).
    expect(tasks['@pulse/models#build']?.cache).toBe(false);
  });

  it('keys the site on the marts and artifacts the warehouse task wrote (hashed after it ran)', () => {
    const jit = tasks['@pulse/reports#build']?.inputs?.find((input) => typeof input !== 'string');
    expect(jit && typeof jit !== 'string' ? jit.globs : []).toEqual([
      '$TURBO_ROOT$/data/marts/*.parquet',
      '$TURBO_ROOT$/target/run_results.json',
      '$TURBO_ROOT$/target/manifest.json',
    ]);
  });
});
