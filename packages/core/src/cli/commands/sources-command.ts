import { z } from 'zod';
import { withLastBuildInputs } from '../../config/last-build-inputs.js';
import { colorsFor } from '../../progress/colors.js';
import type { CliIo } from '../../progress/output.js';
import { terminalSafeJson } from '../../progress/terminal-safe.js';
import type { Command } from '../command.js';
import { PROJECT_HELP, PROJECT_OPTION, pathsFor, projectFor, ROOT_NOTE } from '../common-options.js';
import { EXIT_OK } from '../exit-codes.js';
import { parseCommandArgs } from '../parse-command-args.js';

const SOURCES_OPTIONS = {
  ...PROJECT_OPTION,
  data: { type: 'string' },
  warehouse: { type: 'string' },
  config: { type: 'string' },
  json: { type: 'boolean' },
} as const;

const sourcesArgsSchema = z.object({
  project: z.string().min(1, 'needs a module name or path').optional(),
  data: z.string().min(1, 'needs a non-empty path').optional(),
  warehouse: z.string().min(1, 'needs a non-empty path').optional(),
  config: z.string().min(1, 'needs a non-empty path').optional(),
  json: z.boolean().optional(),
  help: z.boolean().optional(),
});

/** What the per-file columns mean; shared with `pulse build --help` (--explain-mapping). */
export const SOURCES_COUNTS_NOTE = `Counts per file: loaded = rows of raw.<source> from the file (its _file), quarantined = rows \
of quarantine.<source> from it (its file), read = loaded + quarantined; files whose rows a refresh \
kept count too. A mapping's leave_out rules (e.g. Zendesk's deleted tickets) add ignored = the rows they \
left out, to read, each file and reason on a "left out:" line. For a source a preset derives (e.g. Stripe), read is the rows of the vendor file (as \
kept in <preset>.<table>) and ignored = read - loaded - quarantined: rows that give no canonical row \
by design (draft and void invoices, proration credits, periods merged into the one before, line \
items of other types). Vendor files the source only looks values up in (prices, products) are \
listed apart, as "looked up in".`;

export const sourcesCommand: Command = {
  name: 'sources',
  summary: 'per source: files, mapping or preset, the vendor column of each column, rows per file',
  help: `Usage: pulse sources [options]

Reads the published warehouse (read-only) and the config and prints, per source in ingestion order:
- where its rows come from: canonical files (its own place, e.g. subscriptions.csv or events/), a
  mapping (sources.<name> in pulse.config.json), a preset (presets.<name>), or not present (an
  optional source with no export: its tables are empty);
- the path read (the configured file, folder or glob, else the default place);
- for a mapping or preset, what feeds each canonical column: the vendor column ("own name" when the
  mapping does not list it, read under the canonical name), with its format, value map and the rows
  it holds on (empty_unless) if any, e.g. created_at ← "Create Date" (epoch_ms), segment ←
  "Customer Tier" (values: 3 mapped), resolved_at ← "last_solved_at" (only where "status" is solved
  or closed);
- rows read, loaded and quarantined per file, and their total.

${SOURCES_COUNTS_NOTE}

The mapping shown is the current config's: run \`pulse build\` after changing it. \`pulse build \
--explain-mapping\` prints the same after a build.

Options:
  --data DIR         raw export folder (only used to find the config beside it; default: the one the
                     warehouse's last build read, else <root>/data/raw)
  --warehouse FILE   warehouse file (env PULSE_WAREHOUSE; default <root>/data/warehouse.duckdb)
  --config FILE      config file (env PULSE_CONFIG; default pulse.config.json beside the data folder, if any)
  --json             print JSON instead: { warehouse, config_file, sources: [{ name, required,
                     origin, preset, origin_label, path, columns, files, lookups, left_out,
                     total }] }
${PROJECT_HELP}
  -h, --help         show this help

${ROOT_NOTE}
Exit codes: 0 ok, 1 no warehouse yet, or a DuckDB file no Pulse build wrote (run \`pulse build\` first), \
2 usage or config error.`,

  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const args = parseCommandArgs(argv, SOURCES_OPTIONS, sourcesArgsSchema);
    const project = await projectFor(args.project, io);
    // Loaded here, not at the top: `pulse --help` should not wait for DuckDB to load.
    const { explainPublishedSources } = await import('../../explain/explain-sources.js');
    const { formatSourcesExplanation } = await import('../../explain/format-sources-explanation.js');
    // Without --data or --config: the mapping the warehouse's last build read (its Config line says which).
    const { paths } = withLastBuildInputs(pathsFor(args, io));
    const explanation = await explainPublishedSources({ project, paths });
    const out = (line = '') => io.stdout.write(`${line}\n`);
    if (args.json) {
      out(terminalSafeJson(explanation));
      return EXIT_OK;
    }
    out(`Warehouse: ${explanation.warehouse}`);
    out(`Config:    ${explanation.config_file ?? 'none (defaults: every source read from its own place)'}`);
    out();
    for (const line of formatSourcesExplanation(explanation, colorsFor(io.stdout, io.env))) out(line);
    return EXIT_OK;
  },
};
