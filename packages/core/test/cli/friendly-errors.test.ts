import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { closestMatch } from '../../src/config/did-you-mean.js';
import { main } from '../../src/index.js';
import { cleanEnv } from '../refresh/spawn-pulse.js';
import { captureIo } from '../support/capture-io.js';

const BIN = fileURLToPath(new URL('../../bin/pulse.js', import.meta.url));

async function run(...argv: string[]) {
  const io = captureIo(tmpdir());
  const code = await main(argv, io);
  return { code, stdout: io.output(), stderr: io.errors() };
}

describe('argument errors say what to type instead', () => {
  it('a mistyped command gets a "did you mean"', async () => {
    expect(await run('biuld')).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'pulse: unknown command "biuld". Did you mean `pulse build`? Run `pulse --help` for the commands.\n',
    });
  });

  it('a mistyped global flag gets a "did you mean"', async () => {
    expect((await run('--verison')).stderr).toBe(
      'pulse: unknown option --verison. Did you mean `pulse --version`? Run `pulse --help` for the commands.\n',
    );
  });

  it('a mistyped flag gets a "did you mean"', async () => {
    const { code, stderr } = await run('build', '--dat', 'x');
    expect(code).toBe(2);
    expect(stderr).toBe(
      'pulse build: unknown option --dat (did you mean --data?)\nRun `pulse build --help` for usage.\n',
    );
  });

  it('--now that is not an ISO date says what it must be and what it got', async () => {
    const { code, stderr } = await run('status', '--now', 'yesterday');
    expect(code).toBe(2);
    expect(stderr.split('\n')[0]).toBe(
      'pulse status: --now must be an ISO date or timestamp, e.g. 2026-11-30 or 2026-11-30T12:00:00Z; got "yesterday"',
    );
  });

  // A URL that is not one failed at connect time (exit 1, "getaddrinfo ENOTFOUND base"); --target without
  // --engine postgres built on DuckDB, exit 0, without a word that the server was not used.
  it('--target must be a PostgreSQL URL, and is refused on a DuckDB build', async () => {
    // A typo in the scheme: refused without echoing the value, which holds a password.
    const notUrl = await run('build', '--engine', 'postgres', '--target', 'postgress://u:S3cret@db/x');
    expect({ code: notUrl.code, stdout: notUrl.stdout }).toEqual({ code: 2, stdout: '' });
    expect(notUrl.stderr.split('\n')[0]).toBe(
      'pulse build: --target needs a PostgreSQL connection URL, e.g. postgres://user:password@host:5432/database (or socket:/path/to/socket/dir?db=name)',
    );
    expect(notUrl.stderr).not.toContain('S3cret');
    // What the client takes besides a URL passes this check (and fails later, at connect, if it must).
    for (const target of ['socket:/tmp/pgsock?db=postgres', '/var/run/postgresql'])
      expect((await run('build', '--engine', 'postgres', '--target', target)).stderr).not.toContain(
        'needs a PostgreSQL connection URL',
      );
    const onDuckdb = await run('build', '--target', 'postgres://u:p@127.0.0.1:1/db');
    expect({ code: onDuckdb.code, stdout: onDuckdb.stdout }).toEqual({ code: 2, stdout: '' });
    expect(onDuckdb.stderr).toContain('--target is the PostgreSQL server of a PostgreSQL build');
  });

  // zod's own words: "Too small: expected string to have >=1 characters".
  it('an empty path or project says what it needs', async () => {
    expect((await run('status', '--data', '')).stderr.split('\n')[0]).toBe(
      'pulse status: --data needs a non-empty path',
    );
    expect((await run('ls', '--project', '')).stderr.split('\n')[0]).toBe(
      'pulse ls: --project needs a module name or path',
    );
  });

  // `abc` said "Invalid input: expected number, received NaN"; 0 and an empty value listed every run.
  it.each(['abc', '0', '-3', '1.5', '', '5x'])(
    '--runs %j is a usage error naming the flag and what it accepts',
    async (value) => {
      const { code, stdout, stderr } = await run('status', '--runs', value);
      expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
      expect(stderr.split('\n')[0]).toBe(
        `pulse status: --runs must be a whole number of runs, 1 or more, e.g. --runs 10; got "${value}"`,
      );
    },
  );

  it('a negative number is a value, not a flag: --accounts -5 says it must be positive', async () => {
    const { code, stderr } = await run('generate', '--accounts', '-5');
    expect(code).toBe(2);
    expect(stderr.split('\n')[0]).toBe('pulse generate: --accounts must be a positive whole number, got -5');
  });

  it('a flag followed by another flag says the first needs a value', async () => {
    const { code, stderr } = await run('generate', '--out', '--accounts', '3');
    expect(code).toBe(2);
    expect(stderr.split('\n')[0]).toBe('pulse generate: option --out needs a value');
  });
});

describe('closestMatch', () => {
  it('finds a transposition, a missing letter and a wrong letter; nothing far off', () => {
    const commands = ['build', 'refresh', 'status', 'schedule', 'test', 'ls', 'generate'];
    expect(closestMatch('biuld', commands)).toBe('build');
    expect(closestMatch('stauts', commands)).toBe('status');
    expect(closestMatch('refesh', commands)).toBe('refresh');
    expect(closestMatch('deploy', commands)).toBeUndefined();
    expect(closestMatch('USX', ['EUR', 'USD'])).toBe('USD');
    expect(closestMatch('evnts', ['accounts', 'events'])).toBe('events');
  });
});

describe('output into a closed pipe', () => {
  it('`pulse status | head -c 0` exits with no EPIPE stack trace', async () => {
    // head -c 0 closes the pipe before pulse writes anything: every write of pulse hits EPIPE.
    const script = `"${process.execPath}" "${BIN}" status --warehouse "${tmpdir()}/none.duckdb" | head -c 0; echo "pulse exit \${PIPESTATUS[0]}" >&2`;
    let stderr: string;
    try {
      ({ stderr } = await promisify(execFile)('bash', ['-c', script], { cwd: tmpdir(), env: cleanEnv() }));
    } catch (error) {
      stderr = (error as { stderr: string }).stderr;
    }
    expect(stderr).not.toContain('EPIPE');
    expect(stderr).not.toContain('    at ');
    // status without a warehouse exits 1: the closed pipe does not change the command's exit code.
    expect(stderr).toBe('pulse exit 1\n');
  });
});
