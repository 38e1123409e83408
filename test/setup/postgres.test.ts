// The PostgreSQL setup as `npm test` runs it: found on this machine (PATH or Debian's folders), and the
// "tell the user" path run for real (PULSE_SETUP_AS_USER=1, a PULSE_PG_BIN that holds no server).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { postgresBinDir } from '../support/postgres-server.js';
import { REPO_ROOT } from '../support/site-build.js';

describe('ensure-postgres as npm test runs it', () => {
  it('finds initdb and pg_ctl without PATH help, in Debian folders', () => {
    const dir = postgresBinDir({ PATH: '/nonexistent' });
    expect(dir === undefined || dir.startsWith('/usr/lib/postgresql/')).toBe(true);
  });

  it('a custom PULSE_PG_BIN without a server gets one line and exit code 1, and no install', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'pulse-no-pg-'));
    try {
      const script = join(REPO_ROOT, 'test', 'support', 'ensure-postgres.ts');
      const failure = await promisify(execFile)(join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), [script], {
        cwd: REPO_ROOT,
        env: { ...process.env, PULSE_SETUP_AS_USER: '1', PULSE_PG_BIN: empty },
      }).then(
        () => null,
        (error: { code: number; stdout: string; stderr: string }) => error,
      );
      expect(failure?.code).toBe(1);
      expect(failure?.stdout).toBe('');
      expect(failure?.stderr).toBe(`PostgreSQL is missing: no initdb and pg_ctl in PULSE_PG_BIN=${empty}\n`);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
