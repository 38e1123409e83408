// The top operators of a real DuckDB profile (EXPLAIN ANALYZE in JSON): the aggregate over a million rows
// outweighs the projection on top of it, bookkeeping nodes are left out and shares add up to at most 1.
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { profileMarkdown, topOperators } from '../duckdb-profile.js';

describe('topOperators', () => {
  it('ranks the operators of an EXPLAIN (ANALYZE, FORMAT JSON) profile by their time', async () => {
    const db = await (await DuckDBInstance.create(':memory:')).connect();
    await db.run('create table t as select range % 100000 as k, range as v from range(1000000)');
    const reader = await db.runAndReadAll(
      'explain (analyze, format json) select k, sum(v) as total from t group by k',
    );
    db.closeSync();
    const profile = topOperators(String(reader.getRows()[0]![1]), 3);
    expect(profile.latency).toBeGreaterThan(0);
    expect(profile.operators.length).toBeGreaterThan(0);
    expect(profile.operators.length).toBeLessThanOrEqual(3);
    expect(profile.operators.map((o) => o.operator).join(' ')).not.toMatch(/EXPLAIN_ANALYZE|QUERY/);
    const seconds = profile.operators.map((o) => o.seconds);
    expect(seconds).toEqual([...seconds].sort((a, b) => b - a));
    expect(profile.operators[0]!.operator).toMatch(/GROUP_BY|TABLE_SCAN/);
    expect(profile.operators.reduce((sum, o) => sum + o.share, 0)).toBeLessThanOrEqual(1 + 1e-9);
    const markdown = profileMarkdown('test phase', profile);
    expect(markdown).toContain('### test phase');
    expect(markdown).toContain('| operator | s (summed over threads) | share | rows out |');
  });
});
