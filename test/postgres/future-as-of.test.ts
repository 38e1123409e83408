// A row dated after today makes the inferred as_of a future date (G2 takes it), and the build warns,
// naming the row. On PostgreSQL the warning's query failed ("subquery in FROM must have an alias"), and
// the build stopped as "an unexpected error (a bug)".
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase } from '../support/postgres-database.js';
import { pulseBuildIn } from '../support/pulse-build.js';
import { REPO_ROOT } from '../support/site-build.js';

const work = mkdtempSync(join(tmpdir(), 'pulse-pg-future-as-of-'));
let url: string;

beforeAll(async () => {
  url = await createTestDatabase(inject('postgresUrl'), 'future');
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('an inferred as_of after today on PostgreSQL', () => {
  it('builds, warning of the row that sets it', async () => {
    const data = join(work, 'raw');
    cpSync(join(REPO_ROOT, 'data', 'raw'), data, { recursive: true });
    appendFileSync(join(data, 'subscriptions.csv'), '00001,S-FUTURE,pro,month,10,USD,2030-01-01,,false\n');
    const built = await pulseBuildIn(work, 'pg', data, ['--engine', 'postgres', '--target', url]);
    expect(built.code, built.output).toBe(0);
    expect(built.output).toContain(
      'as_of was inferred as 2030-01-01, the latest date in the data (subscriptions.start_date, subscriptions.csv:',
    );
  });
});
