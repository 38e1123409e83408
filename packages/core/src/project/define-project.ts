import type { z } from 'zod';
import type { DigestFunction } from '../digest/digest-definition.js';
import type { PresetDefinition } from '../ingest/preset-definition.js';
import type { SourceDefinition } from '../ingest/source-definition.js';
import type { AnyModel, Layer } from '../model/model-definition.js';
import type { ModelWarehouse } from '../warehouse/model-warehouse.js';
import type { IngestOutcome, IngestStep } from './ingest-step.js';

export interface ResolveVarsContext {
  readonly ingest?: IngestOutcome;
  /**
   * A setting the project accepts but that is almost surely a mistake (e.g. an as_of before any data):
   * the build goes on and shows the line. Given by a build and a refresh, not by `pulse test`.
   */
  readonly onWarning?: (message: string) => void;
}

export interface GenerateOptions {
  readonly outDir: string;
  readonly accounts: number;
  readonly months: number;
  readonly seed: number;
  readonly onProgress?: (message: string) => void;
}

/** Writes a synthetic raw-export folder. */
export type GenerateFunction = (options: GenerateOptions) => Promise<void>;

/**
 * A Pulse project: the raw sources it ingests, the models it builds and how its config becomes the
 * variables models see. `@pulse/models` exports one; the CLI loads it by module name, so the engine never
 * imports a project.
 */
export interface ProjectDefinition<Config = any, Vars = any> {
  readonly name: string;
  /** Schema of `pulse.config.json`; every key should be optional with a default. */
  readonly config: z.ZodType<Config>;
  readonly sources: readonly SourceDefinition<Config>[];
  /**
   * Vendor adapters chosen in the config (`presets` of pulse.config.json): each derives some of `sources`
   * from a vendor's tables (ingest/preset-definition.ts).
   */
  readonly presets?: readonly PresetDefinition<Config>[];
  readonly models: readonly AnyModel[];
  /**
   * Runs after ingestion, before models: turns config (and the loaded data) into `context.vars`.
   * `context.ingest` is what this build's ingestion reported (e.g. which sources were present); it is
   * absent for `pulse test`, which reads an existing warehouse.
   */
  /**
   * The vars models read, from the config and the validated raw tables: on the local DuckDB, or on the
   * PostgreSQL server when the build runs there (every raw table is on the server then).
   */
  readonly resolveVars: (
    warehouse: ModelWarehouse,
    config: Config,
    context: ResolveVarsContext,
  ) => Promise<Vars>;
  /** Layers whose relations are also written as Parquet (default: marts). */
  readonly exportLayers?: readonly Layer[];
  /**
   * Replaces the kit's ingestion of `sources` (rarely needed: a project whose raw data is produced
   * another way, or a test fixture).
   */
  readonly ingest?: IngestStep;
  /**
   * Writes a synthetic raw-export folder (`pulse generate`): the function, or the import specifier of a
   * module exporting it as `generate` (a package name, or a file URL such as
   * `new URL('./generate.ts', import.meta.url).href`). A module is imported only by `pulse generate`
   * (project/load-generator.ts), so a generator package may import the project's source declarations
   * without the project importing it back.
   */
  readonly generate?: GenerateFunction | string;
  /**
   * The per-account history `pulse diff` compares between published runs to name the accounts whose
   * numbers moved (history/): e.g. `{ model: 'mrr_account_months', key: 'account_id', value: 'mrr' }`.
   * The monthly marts themselves are found from their grain; without this no account list is kept.
   */
  readonly accountHistory?: AccountHistoryDefinition;
  /**
   * The digest in plain words of the latest complete month (`pulse digest`, and the `digest` of
   * run_results.json the report site's overview shows): the project names the marts it reads and writes
   * the text (digest/). Without it a run has no digest.
   */
  readonly digest?: DigestFunction;
}

/** An exported model with one row per account and month, and the column whose change names the account. */
export interface AccountHistoryDefinition {
  readonly model: string;
  /** The account column of its grain. */
  readonly key: string;
  /** The numeric column compared. */
  readonly value: string;
}

export function defineProject<Config, Vars>(
  project: ProjectDefinition<Config, Vars>,
): ProjectDefinition<Config, Vars> {
  return Object.freeze(project);
}
