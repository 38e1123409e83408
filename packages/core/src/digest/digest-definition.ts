import type { TargetResult } from '../targets/target-result.js';

/**
 * What a project's digest is written from: the published (or just built) Parquet marts, read through a
 * local DuckDB, and the config targets as judged on them. The engine knows no mart by name: the project
 * says which marts it reads and what it writes (ProjectDefinition.digest).
 */
export interface DigestContext {
  /** The last day that counts (`YYYY-MM-DD`); null when the project has no as_of. */
  readonly asOf: string | null;
  /** The latest complete month at as_of (first day, `YYYY-MM-DD`; targets/latest-complete-month.ts). */
  readonly month: string | null;
  /** The project's variables, as the marts were built with them (e.g. the reporting currency). */
  readonly vars: unknown;
  /** Config `targets` judged on the latest complete month (what `pulse check` prints). */
  readonly targets: readonly TargetResult[];
  /**
   * The exported model `name` as a relation to select from (`read_parquet('<marts>/<name>.parquet')`), or
   * null when its file is missing or the model failed to build in this run.
   */
  mart(name: string): string | null;
  /** Runs one read-only query on a local DuckDB (parameters `$1`, `$2`…); dates come back as written. */
  query<Row = Record<string, unknown>>(sql: string, parameters?: readonly unknown[]): Promise<Row[]>;
}

/** Writes the digest: a short Markdown text, the same for the same marts (no clock, no randomness). */
export type DigestFunction = (context: DigestContext) => Promise<string>;

/** A run's digest as run_results.json keeps it and `pulse digest` prints it. */
export interface RunDigest {
  /** The month it summarises (the latest complete month at as_of); null without as_of. */
  readonly month: string | null;
  readonly markdown: string;
}
