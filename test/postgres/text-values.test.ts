import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { compareMartFolders } from '../support/compare-marts.js';
import { createTestDatabase } from '../support/postgres-database.js';
import { type PulseBuild, pulseBuildIn } from '../support/pulse-build.js';

/**
 * Text the contract accepts and DuckDB builds: a CR LF inside a quoted CSV value (typed on Windows) and a
 * value longer than DuckDB's default CSV line limit (JSON Lines lines may reach 16 MB). The marts come
 * back from the server as CSV read by DuckDB, which took the CR LF for the file's line break and refused
 * the long row: those marts failed on PostgreSQL only.
 */
const work = mkdtempSync(join(tmpdir(), 'pulse-pg-text-'));
const raw = join(work, 'raw');
const LONG_NAME = 'N'.repeat(3_000_000);

let onDuckdb: PulseBuild;
let onPostgres: PulseBuild;

beforeAll(async () => {
  mkdirSync(raw);
  const account = (id: string, name: string, segment: string) =>
    JSON.stringify({ account_id: id, name, segment, created_at: '2024-01-01T00:00:00Z' });
  writeFileSync(
    join(raw, 'accounts.jsonl'),
    `${[account('a1', 'Acme\r\nInc', 'Mid\r\nMarket'), account('a2', LONG_NAME, 'smb'), account('a3', 'Plain', 'smb')].join('\n')}\n`,
  );
  writeFileSync(
    join(raw, 'subscriptions.csv'),
    'account_id,subscription_id,plan,billing_interval,amount,currency,start_date,end_date\r\n' +
      'a1,s1,pro,month,10,USD,2024-01-01,\r\na2,s2,pro,month,20,USD,2024-01-01,2024-03-01\r\n' +
      'a3,s3,pro,month,30,USD,2024-02-01,\r\n',
  );
  writeFileSync(
    join(raw, 'survey_responses.csv'),
    'response_id,account_id,responded_at,survey,score,comment\r\n' +
      'r1,a1,2024-03-10T10:00:00Z,nps,9,"Great tool.\r\nThanks!"\r\n',
  );
  writeFileSync(join(work, 'pulse.config.json'), JSON.stringify({ as_of: '2024-03-31' }));
  const config = ['--config', join(work, 'pulse.config.json')];
  const target = await createTestDatabase(inject('postgresUrl'), 'text');
  [onDuckdb, onPostgres] = await Promise.all([
    pulseBuildIn(work, 'duckdb', raw, config),
    pulseBuildIn(work, 'postgres', raw, [...config, '--engine', 'postgres', '--target', target]),
  ]);
}, 300_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('text values on PostgreSQL', () => {
  it('a CR LF inside a value and a 3 MB value build every mart on both engines, equal', async () => {
    expect(onDuckdb.code, onDuckdb.output).toBe(0);
    expect(onPostgres.code, onPostgres.output).toBe(0);
    expect(
      await compareMartFolders(join(onDuckdb.root, 'wh-marts'), join(onPostgres.root, 'wh-marts')),
    ).toEqual([]);
  });
});
