import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pulseVersion } from '../artifacts/pulse-version.js';

/**
 * The code that turns export files into rows: this Pulse (its readers, checks and quarantine rules) and
 * the DuckDB that parses, casts and hashes the values (stg_events keeps each event id's DuckDB hash, and a
 * refresh matches new ids against the kept ones by it: a DuckDB whose hash differs would count a resent
 * event twice). Part of each source's reading fingerprint, so the first refresh after an upgrade of
 * either reads every source again, as a full build would.
 */
export interface ReadingEngine {
  readonly pulse: string;
  readonly duckdb: string;
}

let cached: ReadingEngine | undefined;

/** This process's engine, without loading DuckDB: its version is read from the package's package.json. */
export function readingEngine(): ReadingEngine {
  cached ??= { pulse: pulseVersion(), duckdb: duckdbPackageVersion() };
  return cached;
}

function duckdbPackageVersion(): string {
  const file = createRequire(import.meta.url).resolve('@duckdb/node-api/package.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}
