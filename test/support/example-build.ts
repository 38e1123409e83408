// The runnable example (examples/stripe-saas) built by the real `pulse build`, as `npm run example`
// builds it, into a throwaway folder; and its canonical twin: the same company in CONTRACT.md's own
// layout, written by the example's generator, which the presets' reading of the vendor exports must equal.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { exampleFiles, writeFolder } from '../../examples/stripe-saas/generator/index.js';
import { REPO_ROOT, type SiteInputs } from './site-build.js';

const run = promisify(execFile);
export const EXAMPLE_DIR = join(REPO_ROOT, 'examples', 'stripe-saas');

export interface ExampleBuild extends SiteInputs {
  readonly warehouse: string;
  /** The CLI's output (stdout and stderr). */
  readonly output: string;
}

/** `pulse build` of a data folder and config into root/warehouse.duckdb (marts, target beside it). */
async function pulseBuild(root: string, data: string, config: string): Promise<ExampleBuild> {
  mkdirSync(root, { recursive: true });
  writeFileSync(
    join(root, 'package.json'),
    '{ "name": "pulse-example", "private": true, "workspaces": [] }\n',
  );
  const warehouse = join(root, 'warehouse.duckdb');
  const args = [
    join(REPO_ROOT, 'packages', 'core', 'bin', 'pulse.js'),
    'build',
    '--data',
    data,
    '--config',
    config,
    '--warehouse',
    warehouse,
  ];
  const env = { ...process.env, PULSE_PROJECT: join(REPO_ROOT, 'packages', 'models', 'src', 'index.ts') };
  let output: string;
  try {
    const { stdout, stderr } = await run(process.execPath, args, {
      cwd: root,
      env,
      maxBuffer: 64 * 1024 * 1024,
    });
    output = stdout + stderr;
  } catch (error) {
    // `pulse build` exits 1 when a model fails but still publishes: the tests then say which one.
    if (!existsSync(join(root, 'target', 'run_results.json'))) throw error;
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    output = stdout + stderr;
  }
  return { warehouse, martsDir: join(root, 'marts'), targetDir: join(root, 'target'), output };
}

/** The committed example, read through its presets. */
export function buildExampleProject(root: string): Promise<ExampleBuild> {
  return pulseBuild(root, join(EXAMPLE_DIR, 'data'), join(EXAMPLE_DIR, 'pulse.config.json'));
}

/** The canonical twin, with the example's settings but no presets (its files are already canonical). */
export function buildExampleTwin(root: string): Promise<ExampleBuild> {
  const data = join(root, 'data');
  writeFolder(data, exampleFiles().twin);
  const {
    presets: _presets,
    $schema: _schema,
    ...settings
  } = JSON.parse(readFileSync(join(EXAMPLE_DIR, 'pulse.config.json'), 'utf8'));
  const config = join(root, 'pulse.config.json');
  writeFileSync(config, `${JSON.stringify(settings, null, 2)}\n`);
  return pulseBuild(join(root, 'out'), data, config);
}
