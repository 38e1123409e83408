export { UsageError } from './config/usage-error.js';
export { DagCycleError, UnknownRefError } from './dag/dag-errors.js';
export { ModelGraph } from './dag/model-graph.js';
export type { Selector } from './dag/select-models.js';
export { parseSelection, SelectionError, selectModels } from './dag/select-models.js';
export { topologicalOrder } from './dag/topological-order.js';
export { DuckDBDialect } from './dialect/duckdb-dialect.js';
export type { DuckDBDialectConfig } from './dialect/duckdb-dialect-config.js';
export { bindParameters } from './dialect/parameter-binding.js';
export { StreamChunkSizeError, UnsupportedTransactionSettingError } from './dialect/dialect-errors.js';
export { readRowObjects } from './dialect/result-rows.js';
export { pulseValueConverter } from './dialect/value-conversion.js';
export { ParameterBindingError, PulseError, ValueConversionError } from './errors.js';
export type { SourceDefinition } from './ingest/source-definition.js';
export { ContractViolationError, checkContract } from './materialize/contract-check.js';
export { materialize } from './materialize/materialize.js';
export { duckdbTypeOf, isNullable } from './model/column-types.js';
export type { CompiledModel } from './model/compile-model.js';
export { compileModel, ModelCompileError, relationOf, schemaOf } from './model/compile-model.js';
export { defineModel, ModelDefinitionError } from './model/define-model.js';
export type {
  AnyModel,
  BuildContext,
  Layer,
  Materialization,
  ModelDefinition,
  ModelRow,
  Tables,
} from './model/model-definition.js';
export { RelationRefPlugin } from './model/relation-ref-plugin.js';
export type { GenerateOptions, ProjectDefinition } from './project/define-project.js';
export { defineProject } from './project/define-project.js';
export { buildModels, compileGraph, planModels } from './runner/build-models.js';
export type { RunBuildOptions } from './runner/run-build.js';
export { runBuild } from './runner/run-build.js';
export type { NodeResult, NodeStatus, RunEvent, RunResult } from './runner/run-result.js';
export type { RunTestsOptions } from './runner/run-tests.js';
export { runTests } from './runner/run-tests.js';
export { testsOf } from './testing/automatic-tests.js';
export type { CompiledDataTest } from './testing/compile-data-test.js';
export { compileDataTest, DataTestDefinitionError } from './testing/compile-data-test.js';
export type { DataTest, Severity } from './testing/data-test.js';
export { acceptedValues, custom, expression, notNull, relationships, unique } from './testing/data-test.js';
export type { TestResult, TestStatus } from './testing/run-data-test.js';
export type { OpenWarehouseOptions } from './warehouse/warehouse.js';
export { Warehouse, WarehouseOpenError } from './warehouse/warehouse.js';
