import type { CompiledQuery, Kysely, RawBuilder, SelectQueryBuilder } from 'kysely';
import type { z } from 'zod';
import type { DataTest } from './data-test.js';
import type { ExternalRelation } from './external-relation.js';

export type Layer = 'staging' | 'intermediate' | 'marts';
export type Materialization = 'view' | 'table' | 'incremental';

/** A select query: Kysely's select builder or a `sql` template. */
export type ModelQuery = SelectQueryBuilder<any, any, any> | RawBuilder<any>;

/** What a model's build function receives besides the database. */
export interface BuildContext<Vars> {
  /** Project variables resolved for this run (config values, as_of, …). Bind them, never concatenate them. */
  readonly vars: Vars;
  /** True when an incremental model is being appended to an existing relation. */
  readonly isIncremental: boolean;
  /**
   * Set when a refresh rebuilds only some partitions of a `partitionBy` model: the query must return
   * exactly the rows of these partition values (as `partitionBy.column::VARCHAR`), and may read only
   * what they need.
   */
  readonly partitions?: readonly string[];
}

/** What a refresh tells a partitioned model about the changes since its relation was built. */
export interface PartitionChanges<Vars> {
  readonly vars: Vars;
  /** The vars the relation was built with. */
  readonly previousVars: Vars;
  /** Per source whose rows changed: the files whose rows were added, replaced or dropped, or `all`. */
  readonly changedSources: ReadonlyMap<string, readonly string[] | 'all'>;
  /** Per upstream model whose rows changed: the partitions rebuilt, or `all`. */
  readonly changedModels: ReadonlyMap<string, readonly string[] | 'all'>;
  /** The model's relation as last built (schema-qualified SQL name), still in place. */
  readonly relation: string;
  /**
   * The warehouse file as last published. The refresh builds in a copy whose raw tables already hold this
   * run's rows; the published file still holds the rows of the files this run replaced or dropped. Attach
   * it read only to read them (a refresh always has one; a caller without it must assume anything changed).
   */
  readonly publishedWarehouse?: string;
  /**
   * The model's whole query as a full build would run it now, relation names resolved: to compare its rows
   * with the relation's (partitionsWhoseRowsDiffer) when no upstream change says which partitions moved.
   */
  readonly rowsNow: CompiledQuery;
}

/**
 * Lets a refresh rebuild only the partitions (e.g. months) that changed. `changed` must return every
 * partition whose rows may differ from the relation as built, or `all` when it cannot tell (an upstream
 * change it does not understand): returning too few gives wrong numbers, too many only costs time.
 */
export interface PartitionSpec<Vars> {
  readonly column: string;
  /**
   * True when no unique key tested on the model can repeat across partitions (the partition is a function
   * of the key, e.g. a day and its month): after a partial rebuild its unique tests read only the
   * rebuilt partitions.
   */
  readonly uniqueKeysWithinPartition?: boolean;
  readonly changed: (db: Kysely<any>, changes: PartitionChanges<Vars>) => Promise<readonly string[] | 'all'>;
}

export interface ModelDefinition<
  Name extends string = string,
  Shape extends z.ZodRawShape = z.ZodRawShape,
  Inputs extends readonly ModelInput[] = any,
  Vars = any,
> {
  readonly name: Name;
  readonly layer: Layer;
  readonly materialized: Materialization;
  readonly description: string;
  /** The key: the columns that identify one row. Adds a `unique` test and orders the table by it. */
  readonly grain?: readonly (keyof Shape & string)[];
  /**
   * `false` stores a staging or intermediate table in the order its query yields the rows instead of
   * sorted by the grain: for a large table (tens of millions of rows) that no consumer reads in order,
   * the sort is the most expensive step of its build. Only for models whose every reader is
   * order-independent (counts, min/max, distinct counts, exact sums); marts are always sorted (G8).
   */
  readonly sortedByGrain?: boolean;
  /** The output contract: one zod type per column, in order, each with `.describe('…')`. */
  readonly columns: z.ZodObject<Shape>;
  /**
   * Everything the query reads: upstream models and external relations (`raw.*`), as values. They are
   * the model's dependencies and the only relations `build` can name; reading anything else is an error.
   */
  readonly inputs: Inputs;
  /** The query that produces the rows, from the relations of `inputs` (and the model itself). */
  readonly build: (db: Kysely<DatabaseOf<Inputs>>, context: BuildContext<Vars>) => ModelQuery;
  /**
   * Checks of the built rows. A custom test written as an object (`{ kind: 'custom', name, query }`) has
   * its query typed like `build`'s, with the model itself added under its name (TestDatabaseOf), and gets
   * the model's vars. NoInfer: the name and inputs come from `name` and `inputs`, never from a test.
   */
  readonly tests?: readonly DataTest<NoInfer<TestDatabaseOf<Name, Shape, Inputs>>, Vars>[];
  /** For `incremental`: rows with these key values are replaced by the new rows. */
  readonly uniqueKey?: readonly (keyof Shape & string)[];
  /** For a `table`: lets `pulse refresh` rebuild only the changed partitions. */
  readonly partitionBy?: PartitionSpec<Vars> & { readonly column: keyof Shape & string };
}

/** Any model, whatever its name, columns or inputs. */
export type AnyModel = ModelDefinition<string, any, any, any>;

/** The row type of a model: what its zod contract infers. */
export type ModelRow<M extends AnyModel> = z.infer<M['columns']>;

/** What a model may read: an upstream model of the project, or an external relation such as `raw.accounts`. */
export type ModelInput = AnyModel | ExternalRelation<string, any>;

type InputName<I> =
  I extends ExternalRelation<infer Name, any>
    ? Name
    : I extends { readonly name: infer Name extends string }
      ? Name
      : never;

type InputRow<I> =
  I extends ExternalRelation<string, infer Row>
    ? Row
    : I extends { readonly columns: infer Columns extends z.ZodType }
      ? z.infer<Columns>
      : never;

/**
 * The Kysely database type made of a model's inputs: each upstream model under its name with the row its
 * zod contract infers, each external relation under its qualified name. A model's `build` receives
 * `Kysely<DatabaseOf<typeof inputs>>`, so reading a relation it did not declare, or a renamed or retyped
 * upstream column, is a compile error.
 */
export type DatabaseOf<Inputs extends readonly ModelInput[]> = 0 extends 1 & Inputs
  ? any
  : { [I in Inputs[number] as InputName<I>]: InputRow<I> };

/**
 * What a model's custom data tests read: its inputs (DatabaseOf) and the model itself under its name, with
 * the row its zod contract infers. The engine resolves any model of the project in a test's query: a test
 * that reads another lists it in `inputs` (which also builds it first, as mrr_movers does mrr_monthly), or
 * takes `db: Kysely<any>` and is checked by nothing.
 */
export type TestDatabaseOf<
  Name extends string,
  Shape extends z.ZodRawShape,
  Inputs extends readonly ModelInput[],
> = DatabaseOf<Inputs> & { [N in Name]: z.infer<z.ZodObject<Shape>> };
