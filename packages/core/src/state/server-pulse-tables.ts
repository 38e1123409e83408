import type { PostgresWarehouse } from '../warehouse/postgres-warehouse.js';
import type { RunRecord } from './run-record.js';

/**
 * The `pulse` schema of a PostgreSQL build's server: what that build can record of itself there, beside
 * the models it built (`engine: "postgres"`; docs/scale-out.md).
 *
 * - `pulse.runs`: one row per build that reached its models, the columns of the DuckDB warehouse's
 *   `pulse.runs` (state/pulse-tables.ts) in PostgreSQL types. Unlike the model schemas it is kept from
 *   build to build (created if missing, appended to): the server's own history of builds.
 * - `pulse.build_vars`: the vars the models on the server were built with (replaced by every build).
 *
 * Not recorded there, because nothing on the server reads them: `pulse.ingested_files` and
 * `pulse.model_fingerprints`, the state a `pulse refresh` compares with, and a refresh of a PostgreSQL
 * project is refused (PostgresRefreshError).
 */
export async function recordBuildOnServer(
  target: PostgresWarehouse,
  record: RunRecord,
  vars: unknown,
): Promise<void> {
  await target.exec(`create schema if not exists pulse;
    create table if not exists pulse.runs (
      run_id text primary key, started_at timestamp not null, finished_at timestamp not null,
      status text not null, files_ingested integer not null, rows_per_source json not null,
      quarantined_rows integer not null, models_built integer not null, models_skipped integer not null,
      tests_failed integer not null, duration_seconds double precision not null, message text);
    drop table if exists pulse.build_vars;
    create table pulse.build_vars (vars json not null)`);
  // Instants go in as ISO text read as timestamptz: the session is in UTC, so the zone-less column holds UTC.
  await target.change(
    `insert into pulse.runs values
       ($1, $2::timestamptz, $3::timestamptz, $4, $5, $6::json, $7, $8, $9, $10, $11, $12)`,
    [
      record.run_id,
      record.started_at,
      record.finished_at,
      record.status,
      record.files_ingested,
      JSON.stringify(record.rows_per_source),
      record.quarantined_rows,
      record.models_built,
      record.models_skipped,
      record.tests_failed,
      record.duration_seconds,
      record.message,
    ],
  );
  await target.change('insert into pulse.build_vars values ($1::json)', [JSON.stringify(vars ?? null)]);
}
