import { pulseVersion } from '../artifacts/pulse-version.js';
import { closestMatch } from '../config/did-you-mean.js';
import { UsageError } from '../config/usage-error.js';
import { DuckDBDialectError } from '../dialect/dialect-errors.js';
import { PulseError } from '../errors.js';
import { type CliIo, processIo } from '../progress/output.js';
import { PublishUnfinishedError, WarehouseLockedError } from '../state/lock-errors.js';
import { storageErrorOf } from '../storage-error.js';
import type { Command } from './command.js';
import { buildCommand } from './commands/build-command.js';
import { checkCommand } from './commands/check-command.js';
import { diffCommand } from './commands/diff-command.js';
import { digestCommand } from './commands/digest-command.js';
import { docsCommand } from './commands/docs-command.js';
import { generateCommand } from './commands/generate-command.js';
import { lsCommand } from './commands/ls-command.js';
import { refreshCommand } from './commands/refresh-command.js';
import { scheduleCommand } from './commands/schedule-command.js';
import { sourcesCommand } from './commands/sources-command.js';
import { statusCommand } from './commands/status-command.js';
import { testCommand } from './commands/test-command.js';
import { EXIT_CODES_NOTE } from './common-options.js';
import { EXIT_FAILURE, EXIT_LOCKED, EXIT_OK, EXIT_USAGE } from './exit-codes.js';

const COMMANDS: readonly Command[] = [
  buildCommand,
  refreshCommand,
  statusCommand,
  checkCommand,
  diffCommand,
  digestCommand,
  sourcesCommand,
  scheduleCommand,
  testCommand,
  lsCommand,
  generateCommand,
  docsCommand,
];

function globalHelp(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  return `Usage: pulse <command> [options]

Pulse turns raw SaaS exports into customer-success metrics: a DuckDB warehouse, Parquet marts and
run artifacts.

Commands:
${COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`).join('\n')}

Options:
  -h, --help     show this help (or \`pulse <command> --help\`)
  -v, --version  print the version

${EXIT_CODES_NOTE}`;
}

/**
 * Runs `pulse` with the given arguments and returns the exit code. Errors become messages: a
 * UsageError (exit 2) or PulseError (exit 1) prints its message only; anything else is a bug and
 * prints its stack.
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const [first, ...rest] = argv;
  const out = (text: string) => io.stdout.write(`${text}\n`);
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    out(globalHelp());
    return EXIT_OK;
  }
  if (first === '--version' || first === '-v') {
    out(pulseVersion());
    return EXIT_OK;
  }
  const command = COMMANDS.find((candidate) => candidate.name === first);
  if (!command) {
    const what = first.startsWith('-') ? `unknown option ${first}` : `unknown command "${first}"`;
    const near = closestMatch(
      first,
      first.startsWith('-') ? ['--help', '--version'] : COMMANDS.map((command) => command.name),
    );
    const hint = near ? ` Did you mean \`pulse ${near}\`?` : '';
    io.stderr.write(`pulse: ${what}.${hint} Run \`pulse --help\` for the commands.\n`);
    return EXIT_USAGE;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    out(command.help);
    return EXIT_OK;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(
        `pulse ${command.name}: ${error.message}\nRun \`pulse ${command.name} --help\` for usage.\n`,
      );
      return EXIT_USAGE;
    }
    if (error instanceof WarehouseLockedError) {
      io.stderr.write(`pulse ${command.name}: ${error.message}\n`);
      return EXIT_LOCKED;
    }
    // Past its commit point a run's failure is not "nothing was published", whatever its cause.
    if (error instanceof PublishUnfinishedError) {
      io.stderr.write(`pulse ${command.name}: ${error.message}\n`);
      return EXIT_FAILURE;
    }
    // A full disk, a refused permission or a read-only file system is the user's to fix, not a bug.
    const storage = storageErrorOf(error)?.for({
      publishes: command.publishes === true,
      pathFlags: PATH_FLAGS.filter((flag) => command.help.includes(`\n  ${flag} `)),
    });
    if (storage) {
      io.stderr.write(`pulse ${command.name}: ${storage.message}\n`);
      return EXIT_FAILURE;
    }
    if (error instanceof PulseError || error instanceof DuckDBDialectError || isSystemError(error)) {
      io.stderr.write(`pulse ${command.name}: ${(error as Error).message}\n`);
      return EXIT_FAILURE;
    }
    io.stderr.write(
      `pulse ${command.name}: unexpected error (a bug; please report it):\n${(error as Error)?.stack ?? String(error)}\n`,
    );
    return EXIT_FAILURE;
  }
}

/** The options that name a folder or file a command reads or writes, for a refused write's advice. */
const PATH_FLAGS = ['--data', '--warehouse', '--marts', '--artifacts', '--out'] as const;

/** A file-system or network error (ENOENT, EACCES, ENOSPC…): its message names the path, no stack needed. */
function isSystemError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code);
}
