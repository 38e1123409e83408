// A source's reading fingerprint says whether reading the same files again would give other rows. A new
// Pulse or DuckDB release can (a reader fixed, a cast or hash that changed) with the same rendered SQL, so
// the versions are part of it: the first refresh after an upgrade reads every source again.
import { describe, expect, it } from 'vitest';
import { readingEngine } from '../../src/refresh/reading-engine.js';
import { sourceReadFingerprints } from '../../src/refresh/source-read-fingerprints.js';
import { accounts } from '../fixtures/sources-project/project.js';

describe('sourceReadFingerprints', () => {
  const engine = { pulse: '1.4.0', duckdb: '1.5.6-r.1' };
  const of = (versions: typeof engine) => sourceReadFingerprints([accounts], undefined, {}, versions);

  it('is the same for the same source, config and engine', () => {
    expect(of(engine)).toEqual(of({ ...engine }));
  });

  it('differs when Pulse or DuckDB is another version', () => {
    expect(of({ ...engine, pulse: '1.5.0' }).accounts).not.toBe(of(engine).accounts);
    expect(of({ ...engine, duckdb: '1.6.0-r.1' }).accounts).not.toBe(of(engine).accounts);
  });

  it("differs when a column's empty_unless rule changes: the same files would give other rows", () => {
    const withRule = (values: string[]) =>
      sourceReadFingerprints(
        [accounts],
        undefined,
        { sources: { accounts: { empty_unless: { segment: { column: 'tier_known', values } } } } },
        engine,
      ).accounts;
    expect(withRule(['yes'])).not.toBe(of(engine).accounts);
    expect(withRule(['yes', 'true'])).not.toBe(withRule(['yes']));
    expect(withRule(['yes'])).toBe(withRule(['yes']));
  });

  it("differs when the source's time_zone changes: its timestamps would be other instants", () => {
    const inZone = (time_zone: string) =>
      sourceReadFingerprints([accounts], undefined, { sources: { accounts: { time_zone } } }, engine)
        .accounts;
    expect(inZone('America/New_York')).not.toBe(of(engine).accounts);
    expect(inZone('Europe/Paris')).not.toBe(inZone('America/New_York'));
    expect(inZone('Europe/Paris')).toBe(inZone('Europe/Paris'));
  });

  it("is this process's engine by default: @pulse/core's and @duckdb/node-api's package versions", () => {
    const running = readingEngine();
    expect(running.pulse).toMatch(/^\d+\.\d+\.\d+/);
    expect(running.duckdb).toMatch(/^\d+\.\d+\.\d+/);
    expect(sourceReadFingerprints([accounts], undefined, {})).toEqual(of(running));
  });
});
