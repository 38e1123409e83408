import { UsageError } from '../config/usage-error.js';
import { DuckDBDialectError } from '../dialect/dialect-errors.js';
import { PulseError } from '../errors.js';
import type { CliIo } from '../progress/output.js';
import { PublishUnfinishedError, WarehouseLockedError } from '../state/lock-errors.js';
import { storageErrorOf } from '../storage-error.js';
import type { Command } from './command.js';
import { pathOptionsOf } from './common-options.js';
import { EXIT_FAILURE, EXIT_LOCKED, EXIT_USAGE } from './exit-codes.js';

/** The options that name a folder or file a command reads or writes, for a refused write's advice. */
const PATH_FLAGS = ['--data', '--warehouse', '--marts', '--artifacts', '--out'] as const;

/**
 * Writes a command's thrown error as one message on stderr and returns its documented exit code. Written
 * once: `main` uses it for every command, and `pulse schedule` for each refresh it runs, so a scheduled
 * refresh that finds the warehouse locked logs 75 as `pulse refresh` exits 75.
 */
export function failureExit(command: Command, error: unknown, io: CliIo): number {
  const say = (message: string) => io.stderr.write(`pulse ${command.name}: ${message}\n`);
  if (error instanceof UsageError) {
    say(`${error.message}\nRun \`pulse ${command.name} --help\` for usage.`);
    return EXIT_USAGE;
  }
  if (error instanceof WarehouseLockedError) {
    say(error.message);
    return EXIT_LOCKED;
  }
  // Past its commit point a run's failure is not "nothing was published", whatever its cause.
  if (error instanceof PublishUnfinishedError) {
    say(error.message);
    return EXIT_FAILURE;
  }
  // A full disk, a refused permission or a read-only file system is the user's to fix, not a bug.
  const storage = storageErrorOf(error)?.for({
    publishes: command.publishes === true,
    pathFlags: PATH_FLAGS.filter((flag) => command.help.includes(`\n  ${flag} `)),
    paths: pathOptionsOf(io),
  });
  if (storage) {
    say(storage.message);
    return EXIT_FAILURE;
  }
  if (error instanceof PulseError || error instanceof DuckDBDialectError || isSystemError(error)) {
    say((error as Error).message);
    return EXIT_FAILURE;
  }
  say(`unexpected error (a bug; please report it):\n${(error as Error)?.stack ?? String(error)}`);
  return EXIT_FAILURE;
}

/** A file-system or network error (ENOENT, EACCES, ENOSPC…): its message names the path, no stack needed. */
function isSystemError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code);
}
