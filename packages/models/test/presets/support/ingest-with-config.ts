import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ConfigError, type IngestReport, ingestSources, loadConfig, Warehouse } from '@pulse/core';
import { type PulseConfig, pulseConfigSchema } from '../../../src/config.js';
import { sources } from '../../../src/sources/index.js';

/** Canonical accounts and subscriptions, for presets that feed other sources. */
export const CANONICAL_ACCOUNTS = [
  'account_id,name,created_at',
  'A1,Acme,2024-01-05T10:00:00Z',
  'A2,Globex,2024-02-01T00:00:00Z',
].join('\n');

export const CANONICAL_SUBSCRIPTIONS = [
  'subscription_id,account_id,plan,billing_interval,amount,currency,start_date',
  'S1,A1,pro,month,49.90,USD,2024-01-05',
].join('\n');

export interface QuarantineRow {
  file: string;
  line: number;
  column: string | null;
  reason_code: string;
  reason: string;
}

export interface IngestedWithConfig {
  readonly config: PulseConfig;
  /** What ingestion reported: per source its counts, warnings and notes. */
  readonly report: IngestReport;
  raw<R>(source: string, columns: string): Promise<R[]>;
  quarantine(source: string): Promise<QuarantineRow[]>;
}

/**
 * Writes `files` into a fresh data folder and `config` as its pulse.config.json, validates the config
 * as `pulse build` does, ingests the folder into an in-memory warehouse with the contract's sources,
 * runs `body`, and always cleans up.
 */
export async function withConfigIngested<T>(
  files: Record<string, string | Uint8Array>,
  config: unknown,
  body: (ingested: IngestedWithConfig) => Promise<T>,
): Promise<T> {
  const root = await mkdtemp(join(tmpdir(), 'pulse-preset-'));
  const dataDir = join(root, 'data');
  const warehouse = await Warehouse.open(':memory:');
  try {
    for (const [path, content] of Object.entries(files)) {
      await mkdir(dirname(join(dataDir, path)), { recursive: true });
      await writeFile(join(dataDir, path), content);
    }
    await writeFile(join(root, 'pulse.config.json'), JSON.stringify(config));
    const loaded = await loadConfig(pulseConfigSchema, join(root, 'pulse.config.json'));
    const report = await ingestSources({ warehouse, dataDir, sources, config: loaded.config });
    return await body({
      config: loaded.config,
      report,
      raw: <R>(source: string, columns: string) =>
        warehouse.query<R>(`select ${columns} from raw."${source}" order by _file, _line`),
      quarantine: (source) =>
        warehouse.query<QuarantineRow>(
          `select file, line, "column", reason_code, reason from quarantine."${source}" order by file, line`,
        ),
    });
  } finally {
    await warehouse.close();
    await rm(root, { recursive: true, force: true });
  }
}

/** The message of the config error a pulse.config.json with `config` gets, or undefined when valid. */
export async function configErrorOf(config: unknown): Promise<string | undefined> {
  const root = await mkdtemp(join(tmpdir(), 'pulse-preset-config-'));
  try {
    await writeFile(join(root, 'pulse.config.json'), JSON.stringify(config));
    await loadConfig(pulseConfigSchema, join(root, 'pulse.config.json'));
    return undefined;
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
