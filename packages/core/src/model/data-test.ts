import type { Compilable, Kysely, RawBuilder } from 'kysely';

export type Severity = 'error' | 'warn';

interface TestBase {
  /** Defaults to `error`: a failing error test marks its model failed and skips its descendants. */
  readonly severity?: Severity;
  /** Overrides the generated test name (shown in logs and run_results.json). */
  readonly name?: string;
}

/** No two rows share the same values of `columns`; NULL is compared as a value (two NULL keys collide). */
export interface UniqueTest extends TestBase {
  readonly kind: 'unique';
  readonly columns: readonly string[];
}
export interface NotNullTest extends TestBase {
  readonly kind: 'not_null';
  readonly column: string;
}
export interface AcceptedValuesTest extends TestBase {
  readonly kind: 'accepted_values';
  readonly column: string;
  readonly values: readonly (string | number | boolean)[];
}
export interface RelationshipsTest extends TestBase {
  readonly kind: 'relationships';
  readonly column: string;
  /** The model (or `schema.table`) whose `field` every non-null value of `column` must exist in. */
  readonly to: string;
  readonly field: string;
}
export interface ExpressionTest extends TestBase {
  readonly kind: 'expression';
  /** A SQL predicate over the model's columns that must hold on every row (e.g. `mrr >= 0`). */
  readonly expression: string;
}
/**
 * `Database` is the Kysely database type the query reads and `Vars` the project variables it gets. Written
 * in a model's `tests` as an object, `{ kind: 'custom', name, query: (db, vars, partitions) => … }`, both
 * come from the model (its inputs and itself, see TestDatabaseOf; its vars), so reading a renamed column
 * is a compile error. `any` for a test written apart from a model, such as a generic one that takes the
 * model's name as a parameter.
 */
export interface CustomTest<Database = any, Vars = any> extends TestBase {
  readonly kind: 'custom';
  readonly name: string;
  /**
   * A query returning the failing rows; none means the test passes. Model names in it resolve like in a
   * model's query (`selectFrom('mrr_monthly')`). `partitions` is set after a refresh rebuilt only those
   * partitions of a `partitionBy` model: the query may then check only what they can have broken.
   */
  readonly query: (
    db: Kysely<Database>,
    vars: Vars,
    partitions?: readonly string[],
  ) => Compilable | RawBuilder<any>;
}

/** A model's data test; `Database` and `Vars` type a custom test's query (see CustomTest). */
export type DataTest<Database = any, Vars = any> =
  | UniqueTest
  | NotNullTest
  | AcceptedValuesTest
  | RelationshipsTest
  | ExpressionTest
  | CustomTest<Database, Vars>;

/**
 * Every kind of data test, the one list the artifacts' schemas (manifest.json, run_results.json) are made
 * from. Keyed by kind, so a kind added to DataTest and not here (or the reverse) does not compile.
 */
const KINDS: { readonly [K in DataTest['kind']]: K } = {
  unique: 'unique',
  not_null: 'not_null',
  accepted_values: 'accepted_values',
  relationships: 'relationships',
  expression: 'expression',
  custom: 'custom',
};
export const DATA_TEST_KINDS = Object.values(KINDS) as [DataTest['kind'], ...DataTest['kind'][]];

type Options = TestBase;

export const unique = (columns: readonly string[], options: Options = {}): UniqueTest => ({
  kind: 'unique',
  columns,
  ...options,
});
export const notNull = (column: string, options: Options = {}): NotNullTest => ({
  kind: 'not_null',
  column,
  ...options,
});
export const acceptedValues = (
  column: string,
  values: readonly (string | number | boolean)[],
  options: Options = {},
): AcceptedValuesTest => ({ kind: 'accepted_values', column, values, ...options });
export const relationships = (
  column: string,
  to: { model: string; field: string },
  options: Options = {},
): RelationshipsTest => ({ kind: 'relationships', column, to: to.model, field: to.field, ...options });
export const expression = (predicate: string, options: Options = {}): ExpressionTest => ({
  kind: 'expression',
  expression: predicate,
  ...options,
});
/**
 * A custom test checked by nothing: its `db` is `Kysely<any>` and its `vars` `any`, for a generic test that
 * takes a model's name as a parameter (e.g. all-row-is-sum-of-parts.ts). Inside `defineModel` write the
 * object form instead (see CustomTest) to have both typed by the model: TypeScript types a call's arguments
 * before it has inferred the model's type parameters from the rest of the definition, so a generic call
 * here would see no relation at all (every column an error about `never`) rather than the model's.
 */
export const custom = (
  name: string,
  query: CustomTest['query'],
  options: Omit<Options, 'name'> = {},
): CustomTest => ({ kind: 'custom', name, query, ...options });
