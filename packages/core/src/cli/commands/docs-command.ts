import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { z } from 'zod';
import { findWorkspaceRoot } from '../../config/workspace-root.js';
import type { CliIo } from '../../progress/output.js';
import type { Command } from '../command.js';
import { PROJECT_HELP, PROJECT_OPTION, projectFor, ROOT_NOTE } from '../common-options.js';
import { EXIT_FAILURE, EXIT_OK } from '../exit-codes.js';
import { parseCommandArgs } from '../parse-command-args.js';

const DOCS_OPTIONS = {
  ...PROJECT_OPTION,
  out: { type: 'string' },
  check: { type: 'boolean' },
} as const;

const docsArgsSchema = z.object({
  project: z.string().min(1, 'needs a module name or path').optional(),
  out: z.string().min(1, 'needs a non-empty path').optional(),
  check: z.boolean().optional(),
  help: z.boolean().optional(),
});

export const docsCommand: Command = {
  name: 'docs',
  summary:
    'write docs/metrics.md and the source tables of docs/inputs.md from the project (--check: are they current)',
  help: `Usage: pulse docs [options]

Writes the project's reference docs from its definitions alone, in about a second (no warehouse, no \
build, no date in the output, so the files change only when a definition does):
- metrics.md: every model by layer (marts first), with its grain, the models it reads, each column's
  DuckDB type, nullability and definition (the zod .describe() text, as in target/manifest.json), and
  its data tests;
- inputs.md: the part between its two "pulse docs" marker lines, i.e. per raw source its columns
  (type, required, default, range, meaning), unique keys, references and row rules with their reason
  codes. The prose around the markers is kept as written; a folder without inputs.md gets a new one.

Options:
  --out DIR          the docs folder (default <root>/docs)
  --check            write nothing; exit 1 naming the files that differ from what they should hold
${PROJECT_HELP}
  -h, --help         show this help

${ROOT_NOTE}
Exit codes: 0 written (or current, with --check), 1 stale (--check) or a definition that cannot be \
described, 2 usage error.`,

  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const args = parseCommandArgs(argv, DOCS_OPTIONS, docsArgsSchema);
    const project = await projectFor(args.project, io);
    const docsDir = args.out ? resolve(io.cwd, args.out) : join(findWorkspaceRoot(io.cwd), 'docs');
    // Loaded here, not at the top: `pulse --help` should not wait for DuckDB to load.
    const { listModels } = await import('../project-graph.js');
    const { expectedDocs, staleDocs } = await import('../../docs/project-docs.js');
    // No warehouse: what a model reads must not depend on the last build.
    const files = expectedDocs(project, listModels(project), docsDir);
    const stale = staleDocs(files);
    const shown = (path: string) => relative(io.cwd, path) || path;
    if (args.check) {
      if (stale.length === 0) {
        io.stdout.write(`Docs are current: ${files.map((file) => shown(file.path)).join(', ')}\n`);
        return EXIT_OK;
      }
      io.stderr.write(
        `pulse docs: stale, differs from the project's definitions: ${stale.map((file) => shown(file.path)).join(', ')}\n` +
          'Run `npx pulse docs` and commit the result.\n',
      );
      return EXIT_FAILURE;
    }
    for (const file of stale) {
      mkdirSync(dirname(file.path), { recursive: true });
      writeFileSync(file.path, file.text);
    }
    const written =
      stale.length === 0 ? 'nothing to write' : `wrote ${stale.map((file) => shown(file.path)).join(', ')}`;
    io.stdout.write(`Docs of ${project.name} in ${shown(docsDir)}: ${written}.\n`);
    return EXIT_OK;
  },
};
