import { cp, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
// The contract's sources live in @pulse/models; the engine never imports them, only its tests do.
import { sources as contractSources } from '../../../../models/src/sources/index.js';
import {
  type IngestReport,
  ingestSources,
  type PresetDefinition,
  type SourceDefinition,
  Warehouse,
} from '../../../src/index.js';
import { trackedTempDir } from '../../support/tracked-temp-dirs.js';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
export { contractSources };

export interface QuarantineRow {
  file: string;
  line: number;
  column: string | null;
  reason_code: string;
  reason: string;
  raw: string;
}

export interface Ingested {
  readonly warehouse: Warehouse;
  readonly report: IngestReport;
  readonly warnings: string[];
  readonly progress: string[];
  readonly dataDir: string;
  quarantine(source: string): Promise<QuarantineRow[]>;
  raw<R = Record<string, unknown>>(source: string): Promise<R[]>;
  close(): Promise<void>;
}

export interface IngestFixtureOptions {
  readonly sources?: readonly SourceDefinition[];
  readonly config?: unknown;
  readonly presets?: readonly PresetDefinition[];
  /** Ingest as a staged build does: no transaction, big files judged and inserted on the lanes. */
  readonly staged?: boolean;
}

/** A fresh temporary data folder holding `files` (path → text or bytes), removed after the test file. */
export async function dataDirWith(files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = await trackedTempDir('pulse-ingest-');
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return dir;
}

/** The base fixture (valid accounts and subscriptions) overlaid with `files`; `null` removes a file. */
export async function baseDataDirWith(
  files: Record<string, string | Uint8Array | null> = {},
): Promise<string> {
  const dir = await dataDirWith({});
  await cp(join(FIXTURES, 'base'), dir, { recursive: true });
  for (const [path, content] of Object.entries(files)) {
    if (content === null) {
      await rm(join(dir, path));
      continue;
    }
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return dir;
}

/** Copies a fixture folder over the base fixture. */
export async function fixtureDataDir(fixture: string): Promise<string> {
  const dir = await baseDataDirWith();
  const source = join(FIXTURES, fixture, 'data');
  for (const entry of await readdir(source))
    await cp(join(source, entry), join(dir, entry), { recursive: true });
  return dir;
}

/** Ingests a data folder into a new in-memory warehouse. */
export async function ingest(dataDir: string, options: IngestFixtureOptions = {}): Promise<Ingested> {
  const warehouse = await Warehouse.open(':memory:');
  const warnings: string[] = [];
  const progress: string[] = [];
  try {
    const report = await ingestSources({
      warehouse,
      dataDir,
      sources: options.sources ?? contractSources,
      config: options.config ?? {},
      presets: options.presets,
      staged: options.staged,
      onProgress: (message) => progress.push(message),
      onWarning: (message) => warnings.push(message),
    });
    return {
      warehouse,
      report,
      warnings,
      progress,
      dataDir,
      quarantine: (source) =>
        warehouse.query<QuarantineRow>(`select * from quarantine."${source}" order by file, line`),
      raw: <R>(source: string) => warehouse.query<R>(`select * from raw."${source}" order by _file, _line`),
      close: async () => {
        await warehouse.close();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    // The folder is this harness's (dataDirWith): a failed ingest has no `close` to remove it.
    await warehouse.close();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/** The error ingesting a data folder throws, or undefined when it succeeds (its warehouse then closed). */
export async function ingestError(dataDir: string, options: IngestFixtureOptions = {}): Promise<unknown> {
  try {
    await (await ingest(dataDir, options)).close();
    return undefined;
  } catch (error) {
    return error;
  }
}

/** Runs `body` on an ingested folder and always cleans up. */
export async function withIngested<T>(
  dataDir: string,
  body: (ingested: Ingested) => Promise<T>,
  options: IngestFixtureOptions = {},
): Promise<T> {
  const ingested = await ingest(dataDir, options);
  try {
    return await body(ingested);
  } finally {
    await ingested.close();
  }
}

/** Every quarantine row of every source, reduced to what the rules decide: file, line, column, code. */
export async function quarantineOutcome(ingested: Ingested): Promise<Record<string, unknown[]>> {
  const outcome: Record<string, unknown[]> = {};
  for (const source of ingested.report.sources) {
    const rows = await ingested.quarantine(source.name);
    if (rows.length) {
      outcome[source.name] = rows.map(({ file, line, column, reason_code }) => ({
        file,
        line,
        column,
        reason_code,
      }));
    }
  }
  return outcome;
}
