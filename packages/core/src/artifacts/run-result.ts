import type { Layer, Materialization } from '../model/model-definition.js';
import type { TestResult } from '../testing/run-data-test.js';

/** `error`: the model failed to build, broke its contract or failed an error-severity test. */
export type NodeStatus = 'success' | 'error' | 'skipped';

/** What happened to one model in a run. */
export interface NodeResult {
  readonly name: string;
  readonly layer: Layer;
  readonly materialized: Materialization;
  /** `schema.name` of the model's relation in the warehouse. */
  readonly relation: string;
  readonly status: NodeStatus;
  /** Null when the node was skipped. */
  readonly startedAt: Date | null;
  readonly completedAt: Date | null;
  /** Seconds spent on the node (building and testing). */
  readonly executionTime: number;
  /** Rows in the built relation; null for views (counting would run the view) and skipped nodes. */
  readonly rows: number | null;
  readonly tests: readonly TestResult[];
  /** Why the node failed or was skipped; null on success. */
  readonly message: string | null;
  /** For a skipped node: the failed model upstream that caused the skip. */
  readonly failedAncestor: string | null;
  /** Path of the Parquet copy written for this node, if its layer is exported. */
  readonly exportPath: string | null;
  /** Set when a refresh rebuilt only these partitions of the relation. */
  readonly partitions?: readonly string[];
}

export interface RunResult {
  /** The selected models in build order. */
  readonly nodes: readonly NodeResult[];
  readonly startedAt: Date;
  readonly completedAt: Date;
  /** Seconds from start to end. */
  readonly elapsed: number;
  /** True when every node succeeded (warn-severity test failures allowed). */
  readonly success: boolean;
}

/** Progress of a run, reported as it happens (the CLI draws it; tests may record it). */
export type RunEvent =
  | { readonly type: 'run-start'; readonly total: number; readonly names: readonly string[] }
  | {
      readonly type: 'node-start';
      readonly index: number;
      readonly total: number;
      readonly name: string;
      readonly relation: string;
    }
  | {
      readonly type: 'node-done';
      readonly index: number;
      readonly total: number;
      readonly result: NodeResult;
    }
  | { readonly type: 'run-done'; readonly result: RunResult };
