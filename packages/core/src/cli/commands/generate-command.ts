import { join, resolve } from 'node:path';
import { z } from 'zod';
import { findWorkspaceRoot } from '../../config/workspace-root.js';
import type { CliIo } from '../../progress/output.js';
import { loadGenerator } from '../../project/load-generator.js';
import type { Command } from '../command.js';
import { EXIT_CODES_NOTE, PROJECT_HELP, projectFor, ROOT_NOTE } from '../common-options.js';
import { EXIT_OK } from '../exit-codes.js';
import { parseCommandArgs } from '../parse-command-args.js';

const options = {
  out: { type: 'string' },
  accounts: { type: 'string' },
  months: { type: 'string' },
  seed: { type: 'string' },
  project: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const wholeNumber = (min: number) =>
  z
    .string()
    .regex(/^-?\d+$/, { error: (issue) => `must be a whole number, got "${issue.input}"` })
    .transform(Number)
    .pipe(z.int().min(min, `must be at least ${min}`));

/** A count: the message gives the value back, `-5` included (parse-command-args lets it through as a value). */
const positiveWholeNumber = z
  .string()
  .refine((value) => /^\d+$/.test(value) && Number(value) >= 1, {
    error: (issue) => `must be a positive whole number, got ${String(issue.input)}`,
  })
  .transform(Number);

const schema = z.object({
  out: z.string().min(1, 'needs a folder').optional(),
  accounts: positiveWholeNumber.default(500),
  months: positiveWholeNumber.default(24),
  seed: wholeNumber(-(2 ** 31)).default(42),
  project: z.string().min(1, 'needs a module name or path').optional(),
  help: z.boolean().optional(),
});

export const generateCommand: Command = {
  name: 'generate',
  summary: 'write a synthetic raw-export folder (seeded, reproducible)',
  help: `Usage: pulse generate [options]

Writes a synthetic raw-export folder that follows the raw export contract, with the project's \
generator. The same options always give the same files.

Options:
  --out DIR          folder to write (default <root>/data/generated)
  --accounts N       number of accounts (default 500)
  --months M         months of history (default 24)
  --seed S           random seed (default 42)
${PROJECT_HELP}
  -h, --help         show this help

Then: pulse build --data DIR
${ROOT_NOTE}
${EXIT_CODES_NOTE}`,

  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const args = parseCommandArgs(argv, options, schema);
    const generate = await loadGenerator(await projectFor(args.project, io));
    const outDir = args.out
      ? resolve(io.cwd, args.out)
      : join(findWorkspaceRoot(io.cwd), 'data', 'generated');
    const started = performance.now();
    await generate({
      outDir,
      accounts: args.accounts,
      months: args.months,
      seed: args.seed,
      onProgress: (line) => io.stdout.write(`${line}\n`),
    });
    const elapsed = ((performance.now() - started) / 1000).toFixed(1);
    io.stdout.write(
      `Wrote ${args.accounts} accounts × ${args.months} months (seed ${args.seed}) to ${outDir} in ${elapsed}s\n`,
    );
    return EXIT_OK;
  },
};
