// vitest globalSetup of the PostgreSQL projects: installs PostgreSQL when missing (ensure-postgres.ts),
// starts one throwaway server on loopback for the whole run, hands its URL to the tests as
// `inject('postgresUrl')`, and stops it at the end. Each test makes its own database on it.
import type { TestProject } from 'vitest/node';
import { ensurePostgres } from './ensure-postgres.js';
import { startThrowawayPostgres } from './postgres-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  ensurePostgres();
  const server = await startThrowawayPostgres();
  project.provide('postgresUrl', server.url);
  return () => server.stop();
}
