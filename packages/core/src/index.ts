export { DuckDBDialect } from './dialect/duckdb-dialect.js';
export type { DuckDBDialectConfig } from './dialect/duckdb-dialect-config.js';
export { bindParameters } from './dialect/parameter-binding.js';
export { pulseValueConverter } from './dialect/value-conversion.js';
export { ParameterBindingError, PulseError, ValueConversionError } from './errors.js';
export type { SourceDefinition } from './ingest/source-definition.js';
export { duckdbTypeOf, isNullable } from './model/column-types.js';
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
export type { GenerateOptions, ProjectDefinition } from './project/define-project.js';
export { defineProject } from './project/define-project.js';
export type { DataTest, Severity } from './testing/data-test.js';
export { acceptedValues, custom, expression, notNull, relationships, unique } from './testing/data-test.js';
export type { OpenWarehouseOptions } from './warehouse/warehouse.js';
export { Warehouse, WarehouseOpenError } from './warehouse/warehouse.js';
