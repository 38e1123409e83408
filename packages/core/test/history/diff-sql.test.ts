import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { differsSql } from '../../src/history/diff-sql.js';
import { Warehouse } from '../../src/warehouse/warehouse.js';

/** Whether `pulse diff` counts old → new as a change, evaluated by DuckDB itself. */
describe('differsSql: what counts as a moved value', () => {
  let db: Warehouse;
  beforeAll(async () => {
    db = await Warehouse.open(':memory:');
  });
  afterAll(() => db.close());

  const differs = async (old: string, now: string, numeric = true) => {
    const [row] = await db.query<{ d: boolean }>(`select ${differsSql(old, now, numeric)} as d`);
    return row!.d;
  };

  it('numbers within 1e-9 of the larger magnitude are equal; beyond it they moved', async () => {
    expect(await differs('1000000.0', '1000000.0009')).toBe(false); // 9e-10 relative
    expect(await differs('1000000.0', '1000000.002')).toBe(true); // 2e-9 relative
    expect(await differs('0.1 + 0.2', '0.3')).toBe(false); // float noise
    expect(await differs('-5.0', '-5.0000001')).toBe(true);
  });

  it('noise around zero (below 1e-12) is no change; a real amount from zero is', async () => {
    expect(await differs('0.0', '1e-15')).toBe(false);
    expect(await differs('0.0', '0.01')).toBe(true);
  });

  it('NULL against a value moved, NULL against NULL did not', async () => {
    expect(await differs('NULL::double', '0.0')).toBe(true);
    expect(await differs('1.0', 'NULL::double')).toBe(true);
    expect(await differs('NULL::double', 'NULL::double')).toBe(false);
  });

  it('text, dates and flags compare exactly', async () => {
    expect(await differs("'smb'", "'SMB'", false)).toBe(true);
    expect(await differs("DATE '2026-03-01'", "DATE '2026-03-01'", false)).toBe(false);
    expect(await differs('true', 'NULL::boolean', false)).toBe(true);
  });
});
