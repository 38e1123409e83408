import { existsSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import type { NodeResult } from '../artifacts/run-result.js';
import type { IngestBaseline } from '../ingest/ingest-baseline.js';
import { type CompiledModel, compileModel, relationOf, schemaOf } from '../model/compile-model.js';
import type { Layer } from '../model/model-definition.js';
import { modelFingerprint } from '../model/model-fingerprint.js';
import type { DeciderFacts, KeepingDecider } from '../runner/build-staged.js';
import { exportParquet, exportPathOf } from '../runner/export-parquet.js';
import { stateOf } from '../runner/model-states.js';
import type { NodeDecision } from '../runner/run-build.js';
import type { ModelState } from '../state/pulse-tables.js';
import {
  builtByOtherCode,
  type Changed,
  changedByBuild,
  changedSourcesOf,
  decideModel,
  decidePartitions,
} from './rebuild-decisions.js';

/** What a refresh decides with: the build's facts (runner/build-staged.ts) and what the refresh knows. */
export interface RebuildDeciderOptions extends DeciderFacts {
  readonly schemaByRelation: ReadonlyMap<string, string>;
  readonly baseline: IngestBaseline;
  /** The published Parquet folder: copies of the kept exported models are carried over from it. */
  readonly publishedExportDir: string;
  /** The published warehouse file, which the staged copy was made from (PartitionChanges.publishedWarehouse). */
  readonly publishedWarehouse: string;
  readonly exportLayers: ReadonlySet<Layer>;
  /** Published marts that are not as published (removed, cut short, replaced): exported anew, not copied. */
  readonly damagedExports?: ReadonlySet<string>;
  /**
   * Models the published run_results.json has an entry for: any other is rebuilt whole, not kept, so the
   * new run_results.json can say how it built and tested (kept-models.ts). Undefined: no such check.
   */
  readonly withResults?: ReadonlySet<string>;
}

/**
 * Carries out, model by model in build order, what a refresh rebuilds: gathers the facts the decisions need
 * (rebuild-decisions.ts: a source changed when ingestion did not reuse it, a model when it was rebuilt and
 * its rows differ), asks a stale `partitionBy` model which partitions changed, and copies the published
 * Parquet file of a kept model (or exports it anew when that file is not as published).
 */
export class RebuildDecider implements KeepingDecider {
  readonly #options: RebuildDeciderOptions;
  readonly #changedSources: ReadonlyMap<string, Changed>;
  readonly #changedModels = new Map<string, Changed>();
  /** Models rebuilt because code changed (builtByOtherCode), and among them those whose rows changed. */
  readonly #rebuiltForCode = new Set<string>();
  readonly #changedByCode = new Set<string>();
  readonly #kept: string[] = [];
  readonly #states = new Map<string, ModelState>();
  #relations: ReadonlySet<string> = new Set();

  private constructor(options: RebuildDeciderOptions) {
    this.#options = options;
    this.#changedSources = changedSourcesOf(options.outcome, options.baseline);
  }

  /** A decider over the staged copy as it is now (its relations listed once). */
  static async create(options: RebuildDeciderOptions): Promise<RebuildDecider> {
    const decider = new RebuildDecider(options);
    const relations = await options.warehouse.relations();
    decider.#relations = new Set(relations.map((table) => `${table.schema}.${table.name}`));
    return decider;
  }

  get kept(): readonly string[] {
    return this.#kept;
  }

  async decide(compiled: CompiledModel): Promise<NodeDecision> {
    const model = compiled.model;
    if (this.#options.withResults && !this.#options.withResults.has(model.name)) return { kind: 'full' };
    const facts = {
      before: this.#options.previous.models.get(model.name),
      available: this.#isAvailable(compiled),
      codeFingerprint: modelFingerprint(compiled, { withValues: false }),
      fingerprint: modelFingerprint(compiled),
      readsChangedSource: [...this.#changedSources.keys()].some((source) => readsSource(compiled, source)),
      dependsOnChangedModel: compiled.dependsOn.some((dependency) => this.#changedModels.has(dependency)),
      partitioned: model.partitionBy !== undefined,
      upstreamCodeChanged: compiled.dependsOn.some((dependency) => this.#changedByCode.has(dependency)),
    };
    const first = decideModel(facts);
    if (first.kind === 'keep') return this.#keep(compiled);
    if (builtByOtherCode(facts)) this.#rebuiltForCode.add(model.name);
    if (first.kind === 'full' || !model.partitionBy) return { kind: 'full' };
    const asked = performance.now();
    const changed = await model.partitionBy.changed(this.#options.warehouse.db<any>() as Kysely<any>, {
      vars: this.#options.vars,
      previousVars: this.#options.previous.vars,
      changedSources: this.#changedSources,
      changedModels: this.#changedModels,
      relation: relationOf(model),
      rowsNow: compiled.query,
      publishedWarehouse: this.#options.publishedWarehouse,
    });
    // Its queries run on the warehouse's Kysely, outside the statement log: timed here, with PULSE_SQL_TIMING.
    if (process.env.PULSE_SQL_TIMING) {
      const seconds = ((performance.now() - asked) / 1000).toFixed(2);
      const said = changed === 'all' ? 'all' : `${changed.length} partition(s)`;
      console.error(`[decide ${seconds}s] ${model.name}: ${said}`);
    }
    const decision = decidePartitions(changed);
    if (decision.kind === 'keep') return this.#keep(compiled);
    if (decision.kind === 'full') return decision;
    const { warehouse, schemaByRelation, vars } = this.#options;
    return {
      kind: 'partitions',
      partitions: decision.partitions,
      compiled: compileModel(model, warehouse.db<any>(), schemaByRelation, vars, false, decision.partitions),
    };
  }

  /** The state of every model built successfully in this run. */
  get states(): ReadonlyMap<string, ModelState> {
    return this.#states;
  }

  async afterNode(compiled: CompiledModel, decision: NodeDecision, result: NodeResult): Promise<void> {
    const name = compiled.model.name;
    const state =
      result.status === 'success' ? await stateOf(this.#options.warehouse, compiled, result.rows) : undefined;
    if (state) this.#states.set(name, state);
    const before = this.#options.previous.models.get(name)?.contentHash;
    const changed = changedByBuild(result.status, decision, before, state?.contentHash);
    if (changed !== undefined) this.#changedModels.set(name, changed);
    // Rows that code changed are passed on as such: downstream, no partitioned model reasons about them.
    if (changed !== undefined && this.#rebuiltForCode.has(name)) this.#changedByCode.add(name);
  }

  async #keep(compiled: CompiledModel): Promise<NodeDecision> {
    const { exportLayers, publishedExportDir, exportDir } = this.#options;
    const model = compiled.model;
    if (exportLayers.has(model.layer)) {
      await mkdir(exportDir, { recursive: true });
      // The kept relation is the published one: its mart can be exported again rather than copied.
      if (this.#options.damagedExports?.has(model.name))
        await exportParquet(this.#options.warehouse, model, exportDir);
      else await copyFile(exportPathOf(publishedExportDir, model), exportPathOf(exportDir, model));
    }
    this.#kept.push(model.name);
    return { kind: 'keep' };
  }

  #isAvailable(compiled: CompiledModel): boolean {
    const model = compiled.model;
    if (!this.#relations.has(`${schemaOf(model)}.${model.name}`)) return false;
    const { exportLayers, publishedExportDir, damagedExports } = this.#options;
    return (
      !exportLayers.has(model.layer) ||
      existsSync(exportPathOf(publishedExportDir, model)) ||
      damagedExports?.has(model.name) === true
    );
  }
}

/** A model reads a source when it declares its `raw` (or `quarantine`) table among its inputs. */
function readsSource(compiled: CompiledModel, source: string): boolean {
  return ['raw', 'quarantine'].some((schema) => compiled.externalReads.includes(`${schema}.${source}`));
}
