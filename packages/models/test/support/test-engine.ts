// The engine the model fixtures run on: DuckDB, or PostgreSQL when PULSE_TEST_ENGINE=postgres (the
// `models-postgres` vitest project, whose globalSetup starts a throwaway server on loopback). On
// PostgreSQL the fixture's raw tables are copied from the test's DuckDB warehouse to a database of its
// own on the server, every model is built and contract-checked there, and each model's table comes back
// into the DuckDB warehouse with its contract's types, so the same assertions read PostgreSQL's numbers.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AnyModel,
  buildModels,
  copyTablesToPostgres,
  exportParquetFromPostgres,
  type ModelWarehouse,
  PostgresWarehouse,
  type RunResult,
  resetPostgresSchemas,
  runBuild,
  schemaOf,
  type Warehouse,
} from '@pulse/core';
import pg from 'pg';
import { inject } from 'vitest';

declare module 'vitest' {
  /** From test/support/postgres-global-setup.ts, the `models-postgres` project's globalSetup. */
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

export const TEST_ENGINE = process.env.PULSE_TEST_ENGINE === 'postgres' ? 'postgres' : 'duckdb';

let database: Promise<PostgresWarehouse> | undefined;

/** One database per test file (and process) on the shared throwaway server. */
function testDatabase(): Promise<PostgresWarehouse> {
  database ??= (async () => {
    const url = new URL(inject('postgresUrl'));
    const name = `pulse_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    const admin = new pg.Client({ connectionString: url.toString() });
    await admin.connect();
    try {
      await admin.query(`create database ${name}`);
    } finally {
      await admin.end();
    }
    url.pathname = `/${name}`;
    return PostgresWarehouse.connect(url.toString());
  })();
  return database;
}

/**
 * `buildModels` on the test engine. Returns the warehouse the models were built in (the DuckDB one, or the
 * PostgreSQL database), for data tests that should run where the models ran.
 */
export async function buildModelsOnTestEngine(options: {
  readonly warehouse: Warehouse;
  readonly models: readonly AnyModel[];
  readonly vars: unknown;
}): Promise<ModelWarehouse> {
  if (TEST_ENGINE === 'duckdb') {
    await buildModels(options);
    return options.warehouse;
  }
  const { warehouse, models, vars } = options;
  const target = await testDatabase();
  const layers = [...new Set(models.map((model) => schemaOf(model)))];
  await resetPostgresSchemas(target, ['raw', ...layers]);
  await copyTablesToPostgres(warehouse, target, ['raw']);
  await buildModels({ warehouse: target, models, vars });
  const dir = await mkdtemp(join(tmpdir(), 'pulse-pg-fixture-'));
  try {
    for (const model of models) {
      const file = await exportParquetFromPostgres(target, warehouse, model, dir);
      await warehouse.exec(`create schema if not exists "${schemaOf(model)}"`);
      await warehouse.exec(
        `create or replace table "${schemaOf(model)}"."${model.name}" as select * from read_parquet('${file}')`,
      );
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return target;
}

/**
 * `runBuild` with a Parquet export, on the test engine, as `pulse build` runs it there: on PostgreSQL the
 * fixture's raw tables go to the server, every model is built, checked and tested there, and the exported
 * layers come out as Parquet through the local DuckDB warehouse (exportParquetFromPostgres), as
 * build-on-postgres.ts exports them. The models' tables stay on the server: read them in `builtIn`.
 */
export async function runBuildOnTestEngine(options: {
  readonly warehouse: Warehouse;
  readonly models: readonly AnyModel[];
  readonly vars: unknown;
  readonly exportDir: string;
  readonly exportLayers?: Parameters<typeof runBuild>[0]['exportLayers'];
}): Promise<{ run: RunResult; builtIn: ModelWarehouse }> {
  if (TEST_ENGINE === 'duckdb') return { run: await runBuild(options), builtIn: options.warehouse };
  const { warehouse, models } = options;
  const target = await testDatabase();
  const layers = [...new Set(models.map((model) => schemaOf(model)))];
  await resetPostgresSchemas(target, ['raw', ...layers]);
  await copyTablesToPostgres(warehouse, target, ['raw']);
  const run = await runBuild({
    ...options,
    warehouse: target,
    exportModel: (model, dir) => exportParquetFromPostgres(target, warehouse, model, dir),
  });
  return { run, builtIn: target };
}
