// The report site's test projects, made the way users make theirs: `pulse generate` writes an export
// folder, optionally edited (hostile text planted, optional sources left out), and `pulse build` turns
// it into marts and target/*.json. Variants: a project with planted failures (site-failing-project.ts),
// marts deleted after the build, and no target/ at all.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT, type SiteInputs } from './site-build.js';
import { plantHostileValues } from './site-hostile-data.js';

const run = promisify(execFile);
const PULSE = join(REPO_ROOT, 'packages', 'core', 'bin', 'pulse.js');
const PROJECT = join(REPO_ROOT, 'packages', 'models', 'src', 'index.ts');
export const FAILING_PROJECT = join(REPO_ROOT, 'test', 'support', 'site-failing-project.ts');

export interface GeneratedProjectOptions {
  /** Plant formula-like ids, segment and channels (site-hostile-data.ts) before the build. */
  readonly hostile?: boolean;
  /** The project module to build with (default: the customer-success project). */
  readonly project?: string;
  /** Optional sources whose files are removed before the build: their marts come out empty. */
  readonly withoutSources?: readonly string[];
  /** Marts whose Parquet file is removed after the build. */
  readonly missing?: readonly string[];
  /** Remove target/ (run_results.json, manifest.json) after the build. */
  readonly noTarget?: boolean;
}

/** A small generated export folder (80 accounts, 12 months, fixed seed) built under root. */
export async function buildGeneratedProject(
  root: string,
  options: GeneratedProjectOptions = {},
): Promise<SiteInputs> {
  mkdirSync(root, { recursive: true });
  // pulse writes under the nearest package.json with `workspaces`: this throwaway one.
  writeFileSync(
    join(root, 'package.json'),
    '{ "name": "pulse-site-generated", "private": true, "workspaces": [] }\n',
  );
  const raw = join(root, 'raw');
  const env = { ...process.env, PULSE_PROJECT: options.project ?? PROJECT };
  const pulse = (...args: string[]) =>
    run(process.execPath, [PULSE, ...args], { cwd: root, env, maxBuffer: 64 * 1024 * 1024 });
  await pulse('generate', '--out', raw, '--accounts', '80', '--months', '12', '--seed', '7');
  if (options.hostile) await plantHostileValues(raw);
  for (const source of options.withoutSources ?? []) {
    for (const file of [source, `${source}.csv`, `${source}.csv.gz`, `${source}.jsonl`, `${source}.parquet`])
      rmSync(join(raw, file), { recursive: true, force: true });
  }
  const out = join(root, 'out');
  try {
    await pulse('build', '--data', raw, '--warehouse', join(out, 'warehouse.duckdb'));
  } catch (error) {
    // A build with a failed model exits 1 but still publishes what it built, and says so in target/.
    if (!existsSync(join(out, 'target', 'run_results.json'))) throw error;
  }
  const inputs = { martsDir: join(out, 'marts'), targetDir: join(out, 'target') };
  for (const mart of options.missing ?? []) rmSync(join(inputs.martsDir, `${mart}.parquet`));
  if (options.noTarget) rmSync(inputs.targetDir, { recursive: true, force: true });
  return inputs;
}
