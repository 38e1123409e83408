export type { ArtifactMetadata } from './artifacts/artifact-metadata.js';
export { generateJsonSchema, JSON_SCHEMA_FILES } from './artifacts/json-schemas.js';
export { toManifest } from './artifacts/manifest.js';
export type { ManifestArtifact } from './artifacts/manifest-schema.js';
export { MANIFEST_SCHEMA_VERSION, manifestSchema } from './artifacts/manifest-schema.js';
export type { NodeResult, NodeStatus, RunEvent, RunResult } from './artifacts/run-result.js';
export { toRunResults } from './artifacts/run-results.js';
export type { RunResultsArtifact } from './artifacts/run-results-schema.js';
export { RUN_RESULTS_SCHEMA_VERSION, runResultsSchema } from './artifacts/run-results-schema.js';
export { writeArtifacts } from './artifacts/write-artifacts.js';
export { EXIT_FAILURE, EXIT_LOCKED, EXIT_OK, EXIT_USAGE } from './cli/exit-codes.js';
export { main } from './cli/main.js';
export { ConfigError } from './config/config-error.js';
export { closestMatch, editDistance } from './config/did-you-mean.js';
export type { LoadedConfig } from './config/load-config.js';
export { loadConfig } from './config/load-config.js';
export type { PathInputs, PulsePaths } from './config/resolve-paths.js';
export { resolvePaths } from './config/resolve-paths.js';
export { isKnownTimeZone, timeZoneProblem } from './config/time-zone-name.js';
export { UsageError } from './config/usage-error.js';
export type { WarehouseCompanions } from './config/warehouse-companions.js';
export { companionsOf, defaultWarehouseOf } from './config/warehouse-companions.js';
export { checkWarehouseName, WarehouseNameError } from './config/warehouse-name.js';
export { findWorkspaceRoot } from './config/workspace-root.js';
export { DagCycleError, UnknownRefError } from './dag/dag-errors.js';
export type { GraphNode } from './dag/model-graph.js';
export { ModelGraph } from './dag/model-graph.js';
export type { Selector } from './dag/select-models.js';
export { parseSelection, SelectionError, selectModels } from './dag/select-models.js';
export { topologicalOrder } from './dag/topological-order.js';
export {
  DuckDBDialectError,
  ParameterBindingError,
  StreamChunkSizeError,
  UnsupportedTransactionSettingError,
  ValueConversionError,
} from './dialect/dialect-errors.js';
export { DuckDBDialect } from './dialect/duckdb-dialect.js';
export type { DuckDBDialectConfig } from './dialect/duckdb-dialect-config.js';
export { bindParameters } from './dialect/parameter-binding.js';
export {
  duckdbNameOfPostgresType,
  inlineParameters,
  postgresLiteral,
  postgresTypeOfDuckdb,
  pulsePostgresTypes,
} from './dialect/postgres-values.js';
export { readRowObjects } from './dialect/result-rows.js';
export type { SqlEngine } from './dialect/sql-engine.js';
export { currentSqlEngine, SQL_ENGINES, withSqlEngine } from './dialect/sql-engine.js';
export { pulseValueConverter } from './dialect/value-conversion.js';
export { type ComposeDigestOptions, composeDigest } from './digest/compose-digest.js';
export type { DigestContext, DigestFunction, RunDigest } from './digest/digest-definition.js';
export { PulseError } from './errors.js';
export { currencyExponentSql, formatProblem, formatsTried } from './ingest/column-formats.js';
export {
  CURRENCY_CODES,
  CURRENCY_CODES_BY_USE,
  isCurrencyCode,
  isCurrencyCodeSql,
} from './ingest/currency-codes.js';
export { formatIngestSummary } from './ingest/format-ingest-summary.js';
export type { IngestBaseline, SourceIngestMode } from './ingest/ingest-baseline.js';
export { IngestFileError, MissingSourceError } from './ingest/ingest-errors.js';
export type { IngestReport, QuarantineExample, SourceIngestReport } from './ingest/ingest-report.js';
export { nothingLost, totalQuarantined } from './ingest/ingest-report.js';
export type { IngestOptions } from './ingest/ingest-sources.js';
export { ingestSources } from './ingest/ingest-sources.js';
export { isoDateText, isoTimestampText } from './ingest/judging-forms.js';
export type {
  PresetDefinition,
  PresetDerivation,
  PresetSqlContext,
  VendorTable,
} from './ingest/preset-definition.js';
export { PresetDefinitionError, presetsInUse } from './ingest/preset-definition.js';
export type { RawColumnValue, RawLineage, RawRow, RawTablesOf } from './ingest/raw-row.js';
export type {
  CheckContext,
  ColumnFormat,
  EnumColumnType,
  RowCheck,
  ScalarColumnType,
  SourceColumn,
  SourceColumnType,
  SourceDefinition,
  SourceReference,
  ValueRange,
} from './ingest/source-definition.js';
export {
  DUPLICATE_REASON,
  defineSource,
  rawColumnType,
  SourceDefinitionError,
} from './ingest/source-definition.js';
export type { SourceMapping } from './ingest/source-mapping.js';
export { quoteIdentifier, sqlLiteral, sqlString } from './ingest/sql-text.js';
export { MALFORMED_REASON } from './ingest/validation-query.js';
export { VENDOR_LINEAGE_COLUMNS, vendorTableName } from './ingest/vendor-tables.js';
export type { JsonValue } from './json-safe.js';
export { toJsonSafe } from './json-safe.js';
export { ContractViolationError, checkContract } from './materialize/contract-check.js';
export { materialize } from './materialize/materialize.js';
export { duckdbTypeOf, isNullable } from './model/column-types.js';
export type { CompiledModel } from './model/compile-model.js';
export { compileModel, ModelCompileError, relationOf, schemaOf } from './model/compile-model.js';
export type { CustomTest, DataTest, Severity } from './model/data-test.js';
export { acceptedValues, custom, expression, notNull, relationships, unique } from './model/data-test.js';
export { defineModel, ModelDefinitionError } from './model/define-model.js';
export { argMaxBy } from './model/expressions/arg-max.js';
export { asDate, asDouble, asInteger, asText, dateValue, integerValue } from './model/expressions/casts.js';
export { countWhere, sumWhere } from './model/expressions/conditional-aggregates.js';
export { calendarDaysBetween, minusDays, plusDays } from './model/expressions/day-arithmetic.js';
export { daysBetween, hoursBetween, microsecondsBetween } from './model/expressions/elapsed-time.js';
export { exactSum, exactSumWhere } from './model/expressions/exact-sum.js';
export { isInList } from './model/expressions/list-contains.js';
export {
  monthStart,
  monthsBefore,
  monthsBetween,
  plusMonths,
  truncateToMonth,
} from './model/expressions/month-arithmetic.js';
export type { Operand } from './model/expressions/operand.js';
export { quantileCont } from './model/expressions/quantile.js';
export { roundTo, toSignificantDigits } from './model/expressions/rounding.js';
export { safeRatio } from './model/expressions/safe-ratio.js';
export { unnestMonths, unnestSeries } from './model/expressions/series.js';
export { dayOfMonth, endOfDay, lastDayOfMonth, snapshotDay } from './model/expressions/snapshot-day.js';
export { sumInSortedOrder } from './model/expressions/sorted-sum.js';
export { hashOf } from './model/expressions/value-hash.js';
export type { FrameBound, RowsWindow } from './model/expressions/window-frame.js';
export { overRows, runningSum } from './model/expressions/window-frame.js';
export { countOrZero, moneyOrZero } from './model/expressions/zero-if-null.js';
export type { ExternalRelation } from './model/external-relation.js';
export { externalRelation } from './model/external-relation.js';
export type {
  AnyModel,
  BuildContext,
  DatabaseOf,
  Layer,
  Materialization,
  ModelDefinition,
  ModelInput,
  ModelRow,
  PartitionChanges,
  PartitionSpec,
  TestDatabaseOf,
} from './model/model-definition.js';
export { partitionsWhoseRowsDiffer } from './model/partitions-by-diff.js';
export { RelationRefPlugin } from './model/relation-ref-plugin.js';
export { UndeclaredInputError } from './model/undeclared-input-error.js';
export type { CliIo, OutputStream } from './progress/output.js';
export { createRunReporter } from './progress/run-reporter.js';
export type {
  GenerateFunction,
  GenerateOptions,
  ProjectDefinition,
  ResolveVarsContext,
} from './project/define-project.js';
export { defineProject } from './project/define-project.js';
export type {
  IngestOutcome,
  IngestStep,
  IngestStepArgs,
  SourceIngestSummary,
} from './project/ingest-step.js';
export { GeneratorLoadError, loadGenerator } from './project/load-generator.js';
export { DEFAULT_PROJECT_MODULE, loadProject, ProjectLoadError } from './project/load-project.js';
export type { BuildProjectOptions, BuildProjectResult } from './refresh/build-project.js';
export { buildProject } from './refresh/build-project.js';
export { RefreshFailedError, RemovedFilesError } from './refresh/refresh-errors.js';
export type { RefreshOptions, RefreshResult } from './refresh/refresh-project.js';
export { refreshProject } from './refresh/refresh-project.js';
export { MissingWarehouseError, StrictModeError } from './runner/build-errors.js';
export { buildModels, compileGraph, planModels } from './runner/build-models.js';
export { buildOnPostgres, INGESTED_SCHEMAS } from './runner/build-on-postgres.js';
export {
  copyTablesToPostgres,
  exportParquetFromPostgres,
  resetPostgresSchemas,
} from './runner/postgres-transfer.js';
export type { RunBuildOptions } from './runner/run-build.js';
export { runBuild } from './runner/run-build.js';
export type { RunTestsOptions } from './runner/run-tests.js';
export { runTests } from './runner/run-tests.js';
export type { TestProjectOptions, TestProjectResult } from './runner/test-project.js';
export { testProject } from './runner/test-project.js';
export type { LockHolder } from './state/lock-errors.js';
export { WarehouseLockedError } from './state/lock-errors.js';
export type { RunRecord, RunStatus } from './state/run-record.js';
export type { WarehouseLock } from './state/warehouse-lock.js';
export { acquireWarehouseLock, readHolder as readLockHolder } from './state/warehouse-lock.js';
export { evaluateTargets } from './targets/evaluate-targets.js';
export { latestCompleteMonth } from './targets/latest-complete-month.js';
export { failingTargets, type TargetResult, type TargetStatus } from './targets/target-result.js';
export { metricParts, type Target, targetSchema, targetsOf } from './targets/target-schema.js';
export { testsOf } from './testing/automatic-tests.js';
export type { CompiledDataTest } from './testing/compile-data-test.js';
export { compileDataTest, DataTestDefinitionError } from './testing/compile-data-test.js';
export type { TestResult, TestStatus } from './testing/run-data-test.js';
export type { ModelWarehouse } from './warehouse/model-warehouse.js';
export {
  PostgresCollationError,
  PostgresConnectError,
  PostgresWarehouse,
} from './warehouse/postgres-warehouse.js';
export type { OpenWarehouseOptions } from './warehouse/warehouse.js';
export { Warehouse, WarehouseOpenError } from './warehouse/warehouse.js';
