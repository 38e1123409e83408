// Pulse doing what Arquero does: `pulse build --project bench/mrr-project.ts` over a folder holding only
// the files the Arquero baseline reads (hard links), with the same as_of, in its own scratch root.
import { linkSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Measured, measure } from './measure.js';
import { PULSE_BIN, REPO_ROOT } from './paths.js';
import { scratchRoot } from './pulse-build.js';

/** The exports Arquero reads (see arquero-inputs.ts): accounts, subscriptions, invoices, fx_rates. */
export const MRR_FILES = ['accounts.csv', 'subscriptions.csv', 'invoices.csv', 'fx_rates.jsonl'];

export async function mrrOnlyBuild(dataDir: string, root: string, asOf: string): Promise<Measured> {
  await scratchRoot(root);
  const data = join(root, 'data', 'raw');
  mkdirSync(data, { recursive: true });
  for (const file of MRR_FILES) linkSync(join(dataDir, file), join(data, file));
  const config = join(root, 'pulse.config.json');
  writeFileSync(config, `${JSON.stringify({ as_of: asOf })}\n`);
  const run = await measure(
    [
      process.execPath,
      PULSE_BIN,
      'build',
      '--project',
      join(REPO_ROOT, 'bench', 'mrr-project.ts'),
      '--data',
      data,
      '--config',
      config,
      '--warehouse',
      join(root, 'warehouse.duckdb'),
    ],
    { cwd: root, env: { NO_COLOR: '1' } },
  );
  if (run.exitCode !== 0)
    throw new Error(`pulse build (MRR only) failed:\n${run.stdout.slice(-2000)}\n${run.stderr}`);
  return run;
}
