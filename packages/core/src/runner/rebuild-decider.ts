import { existsSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import type { IngestBaseline } from '../ingest/ingest-baseline.js';
import { type CompiledModel, compileModel, relationOf, schemaOf } from '../model/compile-model.js';
import type { Layer } from '../model/model-definition.js';
import { modelFingerprint } from '../model/model-fingerprint.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import { exportPathOf } from './export-parquet.js';
import { stateOf } from './incremental-build.js';
import type { IngestOutcome } from './ingest-step.js';
import type { BuildState, ModelState } from './model-fingerprints.js';
import type { NodeResult } from './run-result.js';

/** What to do with one model in a refresh. */
export type RebuildDecision =
  | { readonly kind: 'keep' }
  | { readonly kind: 'full' }
  | { readonly kind: 'partitions'; readonly partitions: readonly string[]; readonly compiled: CompiledModel };

export interface RebuildDeciderOptions {
  readonly warehouse: Warehouse;
  readonly schemaByRelation: ReadonlyMap<string, string>;
  readonly vars: unknown;
  readonly outcome: IngestOutcome;
  readonly baseline: IngestBaseline;
  /** How the staged copy's relations were built. */
  readonly previous: BuildState;
  readonly publishedExportDir: string;
  readonly exportDir: string;
  readonly exportLayers: ReadonlySet<Layer>;
}

/**
 * Decides, model by model in build order, what a refresh rebuilds. A model is kept when its fingerprint
 * is unchanged and nothing it reads changed; a source changed when ingestion did not reuse it, a model
 * when it was rebuilt and its rows differ (a rebuild that gives the same rows, e.g. stg_accounts after
 * as_of moved, stops there). A stale `partitionBy` model whose code is unchanged rebuilds only the
 * partitions it says changed. Everything else is rebuilt whole.
 */
export class RebuildDecider {
  readonly #options: RebuildDeciderOptions;
  readonly #changedSources: ReadonlyMap<string, readonly string[] | 'all'>;
  readonly #changedModels = new Map<string, readonly string[] | 'all'>();
  readonly #kept: string[] = [];
  readonly #states = new Map<string, ModelState>();
  #relations: ReadonlySet<string> = new Set();

  constructor(options: RebuildDeciderOptions) {
    this.#options = options;
    this.#changedSources = changedSourcesOf(options.outcome, options.baseline);
  }

  async init(): Promise<void> {
    const rows = await this.#options.warehouse.query<{ name: string }>(
      `select table_schema || '.' || table_name as name from information_schema.tables`,
    );
    this.#relations = new Set(rows.map((row) => row.name));
  }

  get kept(): readonly string[] {
    return this.#kept;
  }

  async decide(compiled: CompiledModel): Promise<RebuildDecision> {
    const model = compiled.model;
    const before = this.#options.previous.models.get(model.name);
    const available = before !== undefined && this.#isAvailable(compiled);
    const sameCode =
      available && before.codeFingerprint === modelFingerprint(compiled, { withValues: false });
    const stale =
      !sameCode ||
      before.fingerprint !== modelFingerprint(compiled) ||
      [...this.#changedSources.keys()].some((source) => readsSource(compiled, source)) ||
      compiled.dependsOn.some((dependency) => this.#changedModels.has(dependency));
    if (!stale) return this.#keep(compiled);
    if (!sameCode || !model.partitionBy) return { kind: 'full' };
    const partitions = await model.partitionBy.changed(this.#options.warehouse.db<any>() as Kysely<any>, {
      vars: this.#options.vars,
      previousVars: this.#options.previous.vars,
      changedSources: this.#changedSources,
      changedModels: this.#changedModels,
      relation: relationOf(model),
    });
    if (partitions === 'all') return { kind: 'full' };
    if (partitions.length === 0) return this.#keep(compiled);
    const { warehouse, schemaByRelation, vars } = this.#options;
    return {
      kind: 'partitions',
      partitions,
      compiled: compileModel(model, warehouse.db<any>(), schemaByRelation, vars, false, partitions),
    };
  }

  /** The state of every model built successfully in this run. */
  get states(): ReadonlyMap<string, ModelState> {
    return this.#states;
  }

  async afterNode(compiled: CompiledModel, decision: RebuildDecision, result: NodeResult): Promise<void> {
    const name = compiled.model.name;
    if (result.status !== 'success') {
      this.#changedModels.set(name, 'all');
      return;
    }
    const state = await stateOf(this.#options.warehouse, compiled, result.rows);
    this.#states.set(name, state);
    this.#built(name, decision, state);
  }

  /** Whether the rows changed, for the models downstream. */
  #built(name: string, decision: RebuildDecision, state: ModelState): void {
    if (decision.kind === 'partitions') {
      this.#changedModels.set(name, decision.partitions);
      return;
    }
    const before = this.#options.previous.models.get(name);
    const same = state.contentHash !== null && before?.contentHash === state.contentHash;
    if (!same) this.#changedModels.set(name, 'all');
  }

  async #keep(compiled: CompiledModel): Promise<RebuildDecision> {
    const { exportLayers, publishedExportDir, exportDir } = this.#options;
    const model = compiled.model;
    if (exportLayers.has(model.layer)) {
      await mkdir(exportDir, { recursive: true });
      await copyFile(exportPathOf(publishedExportDir, model), exportPathOf(exportDir, model));
    }
    this.#kept.push(model.name);
    return { kind: 'keep' };
  }

  #isAvailable(compiled: CompiledModel): boolean {
    const model = compiled.model;
    if (!this.#relations.has(`${schemaOf(model)}.${model.name}`)) return false;
    const { exportLayers, publishedExportDir } = this.#options;
    return !exportLayers.has(model.layer) || existsSync(exportPathOf(publishedExportDir, model));
  }
}

/** Per source not reused by ingestion: the files whose rows changed, or `all` when it was read whole. */
function changedSourcesOf(
  outcome: IngestOutcome,
  baseline: IngestBaseline,
): Map<string, readonly string[] | 'all'> {
  const changed = new Map<string, readonly string[] | 'all'>();
  for (const source of outcome.sources) {
    if (source.mode === 'reused') continue;
    if (source.mode !== 'appended') {
      changed.set(source.name, 'all');
      continue;
    }
    const gone = baseline.files
      .filter((file) => file.source === source.name && !baseline.unchanged.has(file.path))
      .map((file) => file.path);
    changed.set(source.name, [...new Set([...(source.filesRead ?? []), ...gone])].sort());
  }
  return changed;
}

/** A model reads a source when it declares its `raw` (or `quarantine`) table among its inputs. */
function readsSource(compiled: CompiledModel, source: string): boolean {
  return ['raw', 'quarantine'].some((schema) => compiled.externalReads.includes(`${schema}.${source}`));
}
