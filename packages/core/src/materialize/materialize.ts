import { withSqlEngine } from '../dialect/sql-engine.js';
import type { CompiledModel } from '../model/compile-model.js';
import { relationOf, schemaOf } from '../model/compile-model.js';
import type { AnyModel } from '../model/model-definition.js';
import { partitionFilterSql } from '../model/partition-filter.js';
import { RelationRefPlugin } from '../model/relation-ref-plugin.js';
import type { ModelWarehouse } from '../warehouse/model-warehouse.js';
import { ViewSchemaPlugin } from './view-schema-plugin.js';

export interface MaterializeOptions {
  readonly warehouse: ModelWarehouse;
  readonly compiled: CompiledModel;
  readonly schemaByRelation: ReadonlyMap<string, string>;
  readonly vars: unknown;
  /**
   * Replace only these partitions of an existing `partitionBy` table (the compiled query returns just
   * their rows); the other rows stay.
   */
  readonly partitions?: readonly string[];
}

/**
 * Creates or replaces the model's relation. Tables are written sorted by the model's grain; views go
 * through Kysely's view builder, which inlines parameters as escaped literals (DuckDB views cannot hold
 * bound parameters). Returns the relation's rows when writing it told them (a whole table written on
 * DuckDB), else undefined: the caller counts them if it needs them.
 */
export async function materialize(options: MaterializeOptions): Promise<number | undefined> {
  const { warehouse, compiled } = options;
  const model = compiled.model;
  await warehouse.exec(`create schema if not exists "${schemaOf(model)}"`);
  switch (model.materialized) {
    case 'view':
      await materializeView(options);
      return undefined;
    case 'table':
      if (options.partitions) {
        await replacePartitions(warehouse, compiled, options.partitions);
        return undefined;
      }
      return materializeTable(warehouse, compiled);
    case 'incremental':
      return materializeIncremental(warehouse, compiled);
  }
}

/**
 * A table is stored sorted by its grain: marts because people read them (G8), and staging and
 * intermediate tables because a plain DOUBLE sum depends on the order of its rows: with unsorted staging,
 * two builds of the same data gave different cac_monthly values (the refresh-equals-build test caught it).
 * A model whose readers are all order-independent may opt out (`sortedByGrain: false`).
 */
function orderedSelect(compiled: CompiledModel): string {
  const grain = compiled.model.sortedByGrain === false ? [] : (compiled.model.grain ?? []);
  const orderBy = grain.length ? ` order by ${grain.map((column: string) => `"${column}"`).join(', ')}` : '';
  return `select * from (${compiled.query.sql}) as model_rows${orderBy}`;
}

async function materializeTable(
  warehouse: ModelWarehouse,
  compiled: CompiledModel,
): Promise<number | undefined> {
  const relation = relationOf(compiled.model);
  if (warehouse.engine === 'postgres') {
    // PostgreSQL has no `create or replace table`; a view of that name is dropped with `drop view`.
    const existing = await warehouse.relation(schemaOf(compiled.model), compiled.model.name);
    if (existing) await warehouse.exec(`drop ${existing.isView ? 'view' : 'table'} ${relation} cascade`);
    await warehouse.exec(`create table ${relation} as ${orderedSelect(compiled)}`, compiled.query.parameters);
    return undefined;
  }
  // DuckDB answers `create table … as` with the rows it wrote (a `Count` column): a model's rows need no
  // count(*) of their own (one statement fewer per model; ~35 of a small build's ~460).
  const [written] = await warehouse.query<{ Count?: number | bigint }>(
    `create or replace table ${relation} as ${orderedSelect(compiled)}`,
    compiled.query.parameters,
  );
  return written?.Count === undefined ? undefined : Number(written.Count);
}

/** Deletes the partitions' rows and inserts their new ones, in one transaction. */
async function replacePartitions(
  warehouse: ModelWarehouse,
  compiled: CompiledModel,
  partitions: readonly string[],
): Promise<void> {
  const model = compiled.model;
  const column = model.partitionBy?.column;
  if (!column)
    throw new Error(`Model "${model.name}" has no partitionBy: it cannot be rebuilt by partition.`);
  if (partitions.length === 0) return;
  const filter = partitionFilterSql(column, partitions);
  if (warehouse.engine === 'duckdb' && model.layer === 'marts' && (model.grain ?? []).length > 0) {
    await rewriteSorted(warehouse, compiled, filter);
    return;
  }
  await replaceRows(warehouse, compiled, {
    sql: `delete from ${relationOf(model)} where ${filter}`,
    parameters: [],
  });
}

/**
 * A mart is read in its stored order (G8) and exported as stored: appending the new partitions' rows would
 * leave them after the others, so its Parquet copy would differ from a full build's. The kept rows and the
 * new ones are written again in one sorted statement instead (a mart is small next to what it is built from).
 * DuckDB only (`union all by name`); a refresh never runs on PostgreSQL.
 */
async function rewriteSorted(
  warehouse: ModelWarehouse,
  compiled: CompiledModel,
  filter: string,
): Promise<void> {
  const relation = relationOf(compiled.model);
  const grain = (compiled.model.grain ?? []).map((column: string) => `"${column}"`).join(', ');
  // `is not true`: a row whose partition value is NULL is in no partition, so it is kept (as delete would).
  await warehouse.exec(
    `create or replace table ${relation} as select * from (
       select * from ${relation} where (${filter}) is not true
       union all by name (${compiled.query.sql})) as model_rows order by ${grain}`,
    compiled.query.parameters,
  );
}

/** Deletes the rows the new ones replace and inserts the new ones, in one transaction. */
async function replaceRows(
  warehouse: ModelWarehouse,
  compiled: CompiledModel,
  deletion: { readonly sql: string; readonly parameters: readonly unknown[] },
): Promise<void> {
  await warehouse.transaction(async (transaction) => {
    await transaction.exec(deletion.sql, deletion.parameters);
    await transaction.exec(insertNewRows(transaction, compiled), compiled.query.parameters);
  });
}

async function materializeView(options: MaterializeOptions): Promise<void> {
  const { warehouse, compiled, schemaByRelation, vars } = options;
  const model: AnyModel = compiled.model;
  const db = warehouse.db<any>().withPlugin(new RelationRefPlugin(schemaByRelation));
  await db
    .withPlugin(new ViewSchemaPlugin(schemaOf(model)))
    .schema.createView(model.name)
    .orReplace()
    .as(withSqlEngine(warehouse.engine, () => model.build(db, { vars, isIncremental: false })))
    .execute();
}

async function relationExists(warehouse: ModelWarehouse, model: AnyModel): Promise<boolean> {
  const relation = await warehouse.relation(schemaOf(model), model.name);
  return relation !== undefined && !relation.isView;
}

/** Replaces the rows whose unique key appears in the new rows, keeps the others. */
async function materializeIncremental(
  warehouse: ModelWarehouse,
  compiled: CompiledModel,
): Promise<number | undefined> {
  const model = compiled.model;
  if (!(await relationExists(warehouse, model))) return materializeTable(warehouse, compiled);
  const relation = relationOf(model);
  const keys = (model.uniqueKey ?? []).map((column: string) => `"${column}"`);
  const matches = keys
    .map((key: string) => `${relation}.${key} is not distinct from new_rows.${key}`)
    .join(' and ');
  await replaceRows(warehouse, compiled, {
    sql: `delete from ${relation} using (${compiled.query.sql}) as new_rows where ${matches}`,
    parameters: compiled.query.parameters,
  });
  return undefined;
}

/** DuckDB inserts `by name`; PostgreSQL has no such clause, so there the contract's columns are listed. */
function insertNewRows(warehouse: ModelWarehouse, compiled: CompiledModel): string {
  const relation = relationOf(compiled.model);
  if (warehouse.engine === 'duckdb') return `insert into ${relation} by name ${orderedSelect(compiled)}`;
  const columns = Object.keys(compiled.model.columns.shape)
    .map((column) => `"${column}"`)
    .join(', ');
  return `insert into ${relation} (${columns}) select ${columns} from (${orderedSelect(compiled)}) as new_rows`;
}
