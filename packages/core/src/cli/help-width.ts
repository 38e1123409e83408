import type { CliIo } from '../progress/output.js';

/** Help is never wider than this, even in a wide terminal: longer lines are harder to read. */
export const HELP_MAX_WIDTH = 100;

/**
 * Nor narrower than this: an option's description starts 21 columns in, and fewer than ~40 columns for
 * it would put a few words on each of many lines.
 */
export const HELP_MIN_WIDTH = 60;

/**
 * The width help is wrapped to (wrap-help.ts): COLUMNS when it is set to a number (the user's choice; also
 * how a pipe or a test asks for a width), else the terminal's width, else 100 (stdout is a pipe or a file:
 * the same output every time); kept within 60..100.
 */
export function helpWidthOf(io: Pick<CliIo, 'stdout' | 'env'>): number {
  const fromEnv = /^\d+$/.test(io.env.COLUMNS ?? '') ? Number(io.env.COLUMNS) : 0;
  const fromTerminal = io.stdout.isTTY ? (io.stdout.columns ?? 0) : 0;
  const columns = fromEnv || fromTerminal || HELP_MAX_WIDTH;
  return Math.min(HELP_MAX_WIDTH, Math.max(HELP_MIN_WIDTH, columns));
}
