// `pulse test`, `check`, `status` and `sources` pointed at a DuckDB file that is no Pulse warehouse (an empty database, or
// one of another application's tables), end to end with the real CLI and project: both refuse, naming
// what the file lacks and saying to build first, as they do when there is no file at all.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPulseCli } from '../support/run-pulse-cli.js';

const work = mkdtempSync(join(tmpdir(), 'pulse-not-a-warehouse-'));

/** Runs `pulse <args>` in the work folder, without colours (never throws). */
const pulse = (...args: string[]) => runPulseCli(work, args, { NO_COLOR: '1' });

/** A DuckDB database file made by something else than Pulse, running `sql` (if any). */
async function duckdbFile(name: string, sql?: string): Promise<string> {
  const file = join(work, name);
  const instance = await DuckDBInstance.create(file);
  const connection = await instance.connect();
  if (sql) await connection.run(sql);
  connection.closeSync();
  instance.closeSync();
  return file;
}

const files: Record<string, string> = {};
beforeAll(async () => {
  files.empty = await duckdbFile('empty.duckdb');
  files.unrelated = await duckdbFile(
    'crm.duckdb',
    `create table customers (id integer, name varchar); insert into customers values (1, 'Alpha');
     create schema marts; create table marts.leads (id integer)`,
  );
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('a DuckDB file that holds no Pulse warehouse', () => {
  // `pulse test` failed with "unexpected error (a bug…)" (a catalog error on raw.accounts); `pulse check`
  // printed "Status: OK" and exited 0, an alerting job's all-clear.
  it.each([
    ['test', 'empty'],
    ['test', 'unrelated'],
    ['check', 'empty'],
    ['check', 'unrelated'],
    // `pulse status` printed the sources as empty and `pulse sources` exited 0 with nothing loaded.
    ['status', 'empty'],
    ['status', 'unrelated'],
    ['sources', 'empty'],
    ['sources', 'unrelated'],
  ])('pulse %s refuses an %s database (exit 1)', async (command, kind) => {
    const file = files[kind]!;
    const result = await pulse(command, '--warehouse', file);
    expect(result.stderr).not.toContain('unexpected error');
    expect(result.stdout).not.toContain('Status: OK');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `pulse ${command}: ${file} is a DuckDB database but no Pulse warehouse: it has no pulse.build_vars ` +
        'table, which every `pulse build` and `pulse refresh` writes. Run `pulse build` first, or pass ' +
        '--warehouse with the warehouse a build published.',
    );
  });
});
