import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/index.js';
import { captureIo } from '../support/capture-io.js';
import { TINY_PROJECT_MODULE } from '../support/tiny-project.js';

const BIN = fileURLToPath(new URL('../../bin/pulse.js', import.meta.url));
const VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/** Runs the real bin in a child process: what a user types. */
async function pulse(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    // Hermetic: a cwd with no workspace or config above it, and no PULSE_* variables.
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !name.startsWith('PULSE_')),
    );
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], {
      cwd: tmpdir(),
      env: { ...env, NO_COLOR: '1' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('pulse (the bin)', () => {
  it('--version prints the package version', async () => {
    expect(await pulse('--version')).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
  });

  it('--help lists every command and the exit codes', async () => {
    const { code, stdout } = await pulse('--help');
    expect(code).toBe(0);
    for (const command of ['build', 'test', 'ls', 'generate'])
      expect(stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    // Help is wrapped to the terminal (cli/wrap-help.ts): the sentence may span lines.
    expect(stdout.replace(/\s+/g, ' ')).toContain(
      'Exit codes: 0 ok, 1 build or test failure (or stale data for status), 2 usage or config error, 75 warehouse locked by another run.',
    );
  });

  it('an unknown flag exits 2 with one human line and a hint, never a stack trace', async () => {
    const { code, stdout, stderr } = await pulse('build', '--colour');
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toBe('pulse build: unknown option --colour\nRun `pulse build --help` for usage.\n');
  });

  it('a PulseError prints its message only and exits 1', async () => {
    const missing = '/nonexistent/warehouse.duckdb';
    const { code, stderr } = await pulse('test', '--project', TINY_PROJECT_MODULE, '--warehouse', missing);
    expect({ code, stderr }).toEqual({
      code: 1,
      stderr: `pulse test: No warehouse at ${missing}: run \`pulse build\` first (or pass --warehouse FILE).\n`,
    });
  });
});

describe('pulse help and argument errors', () => {
  const run = async (...argv: string[]) => {
    const io = captureIo(tmpdir());
    const code = await main(argv, io);
    return { code, stdout: io.output(), stderr: io.errors() };
  };

  it.each(['build', 'test', 'ls', 'generate'])('pulse %s --help exits 0 with its usage', async (command) => {
    for (const flag of ['--help', '-h']) {
      const { code, stdout, stderr } = await run(command, flag);
      expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
      expect(stdout).toMatch(new RegExp(`^Usage: pulse ${command} \\[options\\]`));
      expect(stdout).toContain('Exit codes:');
    }
  });

  it('no arguments, -h and help print the global help', async () => {
    for (const argv of [[], ['-h'], ['help']]) {
      const { code, stdout } = await run(...argv);
      expect(code).toBe(0);
      expect(stdout).toMatch(/^Usage: pulse <command> \[options\]/);
    }
  });

  it.each([
    [['deploy'], 'pulse: unknown command "deploy". Run `pulse --help` for the commands.\n'],
    [['--verbose'], 'pulse: unknown option --verbose. Run `pulse --help` for the commands.\n'],
    [['build', 'now'], 'pulse build: unexpected argument "now"\nRun `pulse build --help` for usage.\n'],
    [['test', '--data'], 'pulse test: option --data needs a value\nRun `pulse test --help` for usage.\n'],
    [
      ['build', '--strict=yes'],
      'pulse build: option --strict does not take a value\nRun `pulse build --help` for usage.\n',
    ],
    [
      ['generate', '--accounts', 'ten'],
      'pulse generate: --accounts must be a positive whole number, got ten\nRun `pulse generate --help` for usage.\n',
    ],
    [
      ['generate', '--months', '0'],
      'pulse generate: --months must be a positive whole number, got 0\nRun `pulse generate --help` for usage.\n',
    ],
    [
      ['ls', '--project', './no/such/project.ts'],
      `pulse ls: Cannot find the project module "./no/such/project.ts" (no file ${tmpdir()}/no/such/project.ts). Pass --project MODULE or set PULSE_PROJECT.\nRun \`pulse ls --help\` for usage.\n`,
    ],
  ])('pulse %j exits 2: %j', async (argv, message) => {
    expect(await run(...argv)).toEqual({ code: 2, stdout: '', stderr: message });
  });
});
