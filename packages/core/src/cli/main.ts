import { pulseVersion } from '../artifacts/pulse-version.js';
import { closestMatch } from '../config/did-you-mean.js';
import { type CliIo, processIo } from '../progress/output.js';
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
import { EXIT_OK, EXIT_USAGE } from './exit-codes.js';
import { failureExit } from './failure-exit.js';
import { helpWidthOf } from './help-width.js';
import { wrapHelp } from './wrap-help.js';

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

Pulse turns raw SaaS exports into customer-success metrics: a DuckDB warehouse, Parquet marts and \
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
  // Help is fitted to the terminal when printed (wrap-help.ts), not where it is written.
  const outHelp = (help: string) => out(wrapHelp(help, helpWidthOf(io)));
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    outHelp(globalHelp());
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
    outHelp(command.help);
    return EXIT_OK;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    return failureExit(command, error, io);
  }
}
