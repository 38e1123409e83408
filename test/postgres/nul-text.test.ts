import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase } from '../support/postgres-database.js';
import { type PulseBuild, pulseBuildIn } from '../support/pulse-build.js';

/**
 * A JSON Lines value may hold the NUL character (`\u0000`): the contract accepts it and DuckDB keeps it,
 * but PostgreSQL text cannot hold it. The server's COPY refused the row with its own words
 * (`invalid byte sequence for encoding "UTF8": 0x00`), naming neither the export nor what to do.
 */
const work = mkdtempSync(join(tmpdir(), 'pulse-pg-nul-'));
const raw = join(work, 'raw');

let onDuckdb: PulseBuild;
let onPostgres: PulseBuild;

beforeAll(async () => {
  mkdirSync(raw);
  const account = (id: string, name: string) =>
    JSON.stringify({ account_id: id, name, segment: 'smb', created_at: '2024-01-01T00:00:00Z' });
  writeFileSync(
    join(raw, 'accounts.jsonl'),
    `${[account('a1', 'Plain'), account('a2', 'Ac\u0000me')].join('\n')}\n`,
  );
  writeFileSync(
    join(raw, 'subscriptions.csv'),
    'account_id,subscription_id,plan,billing_interval,amount,currency,start_date,end_date\n' +
      'a1,s1,pro,month,10,USD,2024-01-01,\na2,s2,pro,month,20,USD,2024-01-01,\n',
  );
  writeFileSync(join(work, 'pulse.config.json'), JSON.stringify({ as_of: '2024-03-31' }));
  const config = ['--config', join(work, 'pulse.config.json')];
  const target = await createTestDatabase(inject('postgresUrl'), 'nul');
  [onDuckdb, onPostgres] = await Promise.all([
    pulseBuildIn(work, 'duckdb', raw, config),
    pulseBuildIn(work, 'postgres', raw, [...config, '--engine', 'postgres', '--target', target]),
  ]);
}, 300_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('a NUL character in a text value', () => {
  it('is kept by a DuckDB build', () => {
    expect(onDuckdb.code, onDuckdb.output).toBe(0);
  });

  it('stops a PostgreSQL build naming the file, line and column, and what to do', () => {
    expect(onPostgres.code).not.toBe(0);
    expect(onPostgres.output).toContain('NUL');
    expect(onPostgres.output).toMatch(/accounts\.jsonl:2\b/);
    expect(onPostgres.output).toContain('name');
    expect(onPostgres.output).toMatch(/remove|replace/i);
    expect(onPostgres.output).not.toMatch(/\n\s+at /); // no stack trace
  });
});
