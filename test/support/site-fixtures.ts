// The report site's test projects, made the way users make theirs: `pulse generate` writes an export
// folder, a copy of it is optionally edited (hostile text planted, optional sources left out), and
// `pulse build` turns it into marts and target/*.json. Variants: a project with planted failures
// (site-failing-project.ts), marts deleted after the build, and no target/ at all.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT, type SiteInputs } from './site-build.js';
import { plantHostileValues } from './site-hostile-data.js';

const run = promisify(execFile);
const PULSE = join(REPO_ROOT, 'packages', 'core', 'bin', 'pulse.js');
const PROJECT = join(REPO_ROOT, 'packages', 'models', 'src', 'index.ts');
export const FAILING_PROJECT = join(REPO_ROOT, 'test', 'support', 'site-failing-project.ts');

/** pulse writes under the nearest package.json with `workspaces`: a throwaway one in root. */
function workspace(root: string): void {
  mkdirSync(root, { recursive: true });
  writeFileSync(
    join(root, 'package.json'),
    '{ "name": "pulse-site-generated", "private": true, "workspaces": [] }\n',
  );
}

function pulse(root: string, project: string, ...args: string[]) {
  const env = { ...process.env, PULSE_PROJECT: project };
  return run(process.execPath, [PULSE, ...args], { cwd: root, env, maxBuffer: 64 * 1024 * 1024 });
}

/** `pulse generate` of a small export folder (80 accounts, 12 months, fixed seed) into root/raw. */
export async function generateExports(root: string): Promise<string> {
  workspace(root);
  const raw = join(root, 'raw');
  await pulse(root, PROJECT, 'generate', '--out', raw, '--accounts', '80', '--months', '12', '--seed', '7');
  return raw;
}

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
  /** pulse.config.json beside the export folder (the build's default config file). */
  readonly config?: Readonly<Record<string, unknown>>;
}

/** A copy of a generated export folder (generateExports), edited as told and built under root/out. */
export async function buildGeneratedProject(
  generated: string,
  root: string,
  options: GeneratedProjectOptions = {},
): Promise<SiteInputs> {
  workspace(root);
  const raw = join(root, 'raw');
  cpSync(generated, raw, { recursive: true });
  if (options.hostile) await plantHostileValues(raw);
  if (options.config) writeFileSync(join(root, 'pulse.config.json'), `${JSON.stringify(options.config)}\n`);
  for (const source of options.withoutSources ?? []) {
    for (const file of [source, `${source}.csv`, `${source}.csv.gz`, `${source}.jsonl`, `${source}.parquet`])
      rmSync(join(raw, file), { recursive: true, force: true });
  }
  const out = join(root, 'out');
  try {
    await pulse(
      root,
      options.project ?? PROJECT,
      'build',
      '--data',
      raw,
      '--warehouse',
      join(out, 'warehouse.duckdb'),
    );
  } catch (error) {
    // A build with a failed model exits 1 but still publishes what it built, and says so in target/.
    if (!existsSync(join(out, 'target', 'run_results.json'))) throw error;
  }
  const inputs = { martsDir: join(out, 'marts'), targetDir: join(out, 'target') };
  for (const mart of options.missing ?? []) rmSync(join(inputs.martsDir, `${mart}.parquet`));
  if (options.noTarget) rmSync(inputs.targetDir, { recursive: true, force: true });
  return inputs;
}
