import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/index.js';
import { captureIo } from '../support/capture-io.js';

const BIN = fileURLToPath(new URL('../../bin/pulse.js', import.meta.url));

/**
 * Runs the real bin, as a user would, with COLUMNS set to `columns` or unset; rejects unless it exits 0.
 * Under the test runner stdout is a pipe, not a terminal, so the help width comes from COLUMNS or, without
 * it, is 100 (cli/help-width.ts).
 */
async function helpOf(args: readonly string[], columns: number | undefined): Promise<string> {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('PULSE_') && name !== 'COLUMNS'),
  );
  const { stdout } = await promisify(execFile)(process.execPath, [BIN, ...args, '--help'], {
    cwd: tmpdir(),
    env: columns === undefined ? env : { ...env, COLUMNS: String(columns) },
  });
  return stdout;
}

/** The same help printed in this process (no child process to start), with COLUMNS set to `columns`. */
async function helpInProcess(args: readonly string[], columns: number): Promise<string> {
  const io = captureIo(tmpdir(), { env: { COLUMNS: String(columns) } });
  expect(await main([...args, '--help'], io)).toBe(0);
  return io.output();
}

/** The command names of the global help's "Commands:" table: every command, without a list kept here. */
function commandsListed(globalHelp: string): string[] {
  const table = globalHelp.split('\nCommands:\n')[1]?.split('\n\n')[0] ?? '';
  return [...table.matchAll(/^ {2}(\S+) {2,}/gm)].map((match) => match[1]!);
}

/** The width of the widest line, in columns (a code point is one column: the help is plain text). */
function widestLine(text: string): number {
  return Math.max(...text.split('\n').map((line) => [...line].length));
}

/**
 * The widest line of each of `pulse --help` and `pulse <command> --help` for every command it lists, for
 * those wider than `width`: a failure names every command at once. Each help must end with one newline.
 */
async function helpsWiderThan(
  width: number,
  helpOf: (args: readonly string[]) => Promise<string>,
): Promise<Record<string, number>> {
  const global = await helpOf([]);
  const helps = [
    ['pulse --help', global],
    ...(await Promise.all(
      commandsListed(global).map(async (command) => [`pulse ${command} --help`, await helpOf([command])]),
    )),
  ] as const;
  for (const [what, help] of helps) expect(help, what).toMatch(/\S\n$/);
  return Object.fromEntries(
    helps.map(([what, help]) => [what, widestLine(help!)] as const).filter(([, widest]) => widest > width),
  );
}

describe('every help fits the terminal', () => {
  it('the global help lists the commands, and is the same every time', async () => {
    const [first, second] = await Promise.all([helpOf([], undefined), helpOf([], undefined)]);
    expect(commandsListed(first)).toEqual(
      expect.arrayContaining(['build', 'refresh', 'status', 'test', 'ls', 'docs']),
    );
    expect(second).toBe(first);
  });

  // Off a terminal, without COLUMNS, help is 100 columns wide; COLUMNS=80 makes it 80.
  it.each([
    [undefined, 100],
    [80, 80],
  ])('the bin, COLUMNS=%s: no line of any help is wider than %i', async (columns, width) => {
    expect(await helpsWiderThan(width, (args) => helpOf(args, columns))).toEqual({});
  });

  it('COLUMNS=40: no line of any help is wider than 60, the least help is wrapped to', async () => {
    expect(await helpsWiderThan(60, (args) => helpInProcess(args, 40))).toEqual({});
  });
});
