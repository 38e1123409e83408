import type { CliIo } from '../progress/output.js';

/** One `pulse` subcommand: its help text and what it does with its arguments. */
export interface Command {
  readonly name: string;
  /** One line for the global help. */
  readonly summary: string;
  /**
   * The full `pulse <name> --help` text, one block per line (a paragraph, a list item, an option row):
   * main.ts fits it to the terminal when printing it, by the rules of wrap-help.ts.
   */
  readonly help: string;
  /**
   * True for the commands that publish a warehouse and marts (build, refresh, schedule): a failure before
   * their commit point leaves what was published unchanged, and their errors say so.
   */
  readonly publishes?: boolean;
  /** Returns the exit code; throws PulseError/UsageError for failures main turns into messages. */
  readonly run: (argv: readonly string[], io: CliIo) => Promise<number>;
}
