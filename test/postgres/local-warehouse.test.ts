// The local warehouse file of a PostgreSQL build (`--engine postgres`): ingestion wrote its raw and
// quarantine tables there, the models are on the server. `--explain-mapping` published and then exited 1,
// and `pulse sources`, `pulse status` and `pulse test` refused the file as "no Pulse warehouse … Run
// `pulse build` first", though a build had just written it. Now the ingestion readers read it, and the
// model readers say where the models are (exit 2); a local build of the same file makes it a DuckDB
// warehouse again.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase } from '../support/postgres-database.js';
import { pulseBuildIn } from '../support/pulse-build.js';
import { runPulseCli } from '../support/run-pulse-cli.js';
import { REPO_ROOT } from '../support/site-build.js';

const work = mkdtempSync(join(tmpdir(), 'pulse-pg-local-warehouse-'));
const SAMPLE = join(REPO_ROOT, 'data', 'raw');
let url: string;

beforeAll(async () => {
  url = await createTestDatabase(inject('postgresUrl'), 'local');
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the local warehouse of a PostgreSQL build', () => {
  it('is read by pulse sources and status; pulse test, check and digest say the models are on the server', async () => {
    const built = await pulseBuildIn(work, 'pg', SAMPLE, [
      '--engine',
      'postgres',
      '--target',
      url,
      '--explain-mapping',
    ]);
    expect(built.code, built.output).toBe(0);
    expect(built.output).toMatch(/^ {2}events {2,}canonical files$/m);
    const root = join(work, 'pg');
    const warehouse = join(root, 'wh.duckdb');
    const pulse = (...args: string[]) =>
      runPulseCli(root, [...args, '--warehouse', warehouse], { NO_COLOR: '1' });

    const sources = await pulse('sources');
    expect({ code: sources.code, stderr: sources.stderr }).toEqual({ code: 0, stderr: '' });
    expect(sources.stdout).toMatch(/^accounts {2,}canonical files$/m);
    const status = await pulse('status');
    expect(status.stderr).toBe('');
    expect(status.stdout).toMatch(/^ {2}accounts {2,}newest /m);
    for (const command of ['test', 'check', 'digest']) {
      const refused = await pulse(command);
      expect(refused.code, command).toBe(2);
      expect(refused.stderr, command).toContain(
        `${warehouse} was built with --engine postgres: its models are on the server`,
      );
    }

    // Built locally, it is a DuckDB warehouse whose models pulse test reads.
    const local = await pulseBuildIn(work, 'pg', SAMPLE, []);
    expect(local.code, local.output).toBe(0);
    const tested = await pulse('test');
    expect({ code: tested.code, stderr: tested.stderr }).toEqual({ code: 0, stderr: '' });
  });
});
