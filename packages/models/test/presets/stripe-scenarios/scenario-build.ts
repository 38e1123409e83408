import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type BuildProjectResult, buildProject, Warehouse } from '@pulse/core';
import { afterAll, beforeAll } from 'vitest';
import { project } from '../../../src/project.js';
import type { AccountRow, InvoiceRow, MrrRow, SubscriptionRow } from './expected-canonical.js';

export interface ScenarioBuild {
  readonly result: BuildProjectResult;
  /** Models that failed (or were skipped): the published warehouse still holds the others. */
  readonly failures: readonly string[];
  readonly warehouse: Warehouse;
}

/**
 * One build for the suite it is called in: made in beforeAll from `files()` and `config`, closed and
 * removed in afterAll. The returned function gives the build; when it published nothing, it fails each
 * test that asks with the build's message (`what` names the export), instead of the whole file at once.
 */
export function buildForSuite(
  what: string,
  files: () => Record<string, string>,
  config: object,
): () => ScenarioBuild {
  let root: string | undefined;
  let build: ScenarioBuild | undefined;
  let buildError: unknown;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'pulse-stripe-'));
    try {
      build = await buildDataFolder(root, files(), config);
    } catch (error) {
      buildError = error;
    }
  });
  afterAll(async () => {
    await build?.warehouse.close();
    if (root) await rm(root, { recursive: true, force: true });
  });
  return () => {
    if (!build) throw new Error(`pulse build over ${what} failed: ${(buildError as Error)?.message}`);
    return build;
  };
}

/**
 * A real `pulse build` of the models project over a data folder written from `files` (paths relative to
 * the data folder), with `config` as its pulse.config.json. Returns the published warehouse, read-only.
 * Throws when the build publishes nothing (config, ingestion or DAG error).
 */
export async function buildDataFolder(
  root: string,
  files: Record<string, string>,
  config: object,
): Promise<ScenarioBuild> {
  const dir = await mkdtemp(join(root, 'run-'));
  const dataDir = join(dir, 'data', 'raw');
  for (const [name, text] of Object.entries(files)) {
    await mkdir(dirname(join(dataDir, name)), { recursive: true });
    await writeFile(join(dataDir, name), text);
  }
  const configFile = join(dir, 'data', 'pulse.config.json');
  await writeFile(configFile, JSON.stringify(config));
  const paths = {
    root: dir,
    dataDir,
    warehouse: join(dir, 'data', 'warehouse.duckdb'),
    configFile,
    configExplicit: true,
    targetDir: join(dir, 'target'),
    exportDir: join(dir, 'data', 'marts'),
  };
  const result = await buildProject({ project, paths });
  const failures = result.run.nodes
    .filter((node) => node.status !== 'success')
    .map((node) => `${node.name}: ${node.status} ${node.message ?? ''}`.trim());
  return { result, failures, warehouse: await Warehouse.open(paths.warehouse, { readOnly: true }) };
}

function inList(ids: readonly string[]): string {
  return ids.map((id) => `'${id.replaceAll("'", "''")}'`).join(', ');
}

/** raw.subscriptions of these accounts, by subscription_id then start_date. */
export function subscriptionsOf(warehouse: Warehouse, accounts: readonly string[]) {
  return warehouse.query<SubscriptionRow>(
    `select subscription_id, account_id, plan, billing_interval, round(amount, 6)::DOUBLE as amount, currency,
            strftime(start_date, '%Y-%m-%d') as start_date, strftime(end_date, '%Y-%m-%d') as end_date, is_trial
     from raw.subscriptions where account_id in (${inList(accounts)})
     order by subscription_id, start_date`,
  );
}

/** marts.mrr_account_months of these accounts, by account then month (mrr rounded to 1e-6). */
export function mrrOf(warehouse: Warehouse, accounts: readonly string[]) {
  return warehouse.query<MrrRow>(
    `select account_id, strftime(month, '%Y-%m-%d') as month, round(mrr, 6)::DOUBLE as mrr, movement
     from marts.mrr_account_months where account_id in (${inList(accounts)})
     order by account_id, month`,
  );
}

/** raw.invoices of these accounts, by invoice_id. */
export function invoicesOf(warehouse: Warehouse, accounts: readonly string[]) {
  return warehouse.query<InvoiceRow>(
    `select invoice_id, account_id, strftime(issued_at, '%Y-%m-%d %H:%M:%S') as issued_at,
            round(amount, 6)::DOUBLE as amount, currency, status
     from raw.invoices where account_id in (${inList(accounts)})
     order by invoice_id`,
  );
}

export function accountsOf(warehouse: Warehouse) {
  return warehouse.query<AccountRow>(
    `select account_id, name, strftime(created_at, '%Y-%m-%d %H:%M:%S') as created_at, segment, region,
            acquisition_channel
     from raw.accounts order by account_id`,
  );
}

/** mrr of marts.mrr_monthly's `all` rows, by month. */
export async function mrrMonthlyAll(warehouse: Warehouse): Promise<[string, number][]> {
  const rows = await warehouse.query<{ month: string; mrr: number }>(
    `select strftime(month, '%Y-%m-%d') as month, round(mrr, 6)::DOUBLE as mrr
     from marts.mrr_monthly where segment = 'all' order by month`,
  );
  return rows.map((row) => [row.month, row.mrr]);
}

export interface QuarantineRow {
  file: string;
  line: number;
  column: string | null;
  reason_code: string;
}

export function quarantineOf(warehouse: Warehouse, source: string) {
  return warehouse.query<QuarantineRow>(
    `select file, line::INTEGER as line, "column", reason_code from quarantine.${source} order by file, line`,
  );
}

export async function countOf(warehouse: Warehouse, table: string): Promise<number> {
  const [row] = await warehouse.query<{ n: number }>(`select count(*)::INTEGER as n from ${table}`);
  return row!.n;
}
