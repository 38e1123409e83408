import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { currentSqlEngine } from '../dialect/sql-engine.js';
import { PulseError } from '../errors.js';
import { duckdbTypeOf } from '../model/column-types.js';
import { relationOf } from '../model/compile-model.js';
import type { DataTest, Severity } from '../model/data-test.js';
import type { AnyModel } from '../model/model-definition.js';
import { partitionFilterSql } from '../model/partition-filter.js';
import { RelationRefPlugin } from '../model/relation-ref-plugin.js';
import { testNameOf } from './test-names.js';

export class DataTestDefinitionError extends PulseError {
  override readonly name = 'DataTestDefinitionError';
}

/** One data test as a single SQL query whose rows are the failures: no row means the test passes. */
export interface CompiledDataTest {
  readonly name: string;
  readonly kind: DataTest['kind'];
  readonly severity: Severity;
  readonly sql: string;
  readonly parameters: readonly unknown[];
  /** For a unique test that a bitmap may prove cheaply: tried first (run-data-test.ts). */
  readonly uniqueBitmap?: UniqueBitmapCheck;
  /** For a test that judges each row alone: counted with a model's other such tests in one scan. */
  readonly rowCheck?: RowCheck;
}

/**
 * A test whose failing rows are the rows of `from` where a condition holds (not_null, accepted_values,
 * expression): the tests of one model share a single scan, one `count(*) filter (where …)` each
 * (run-data-tests.ts), instead of a query each. Its `sql` still returns the failing rows to show.
 */
export interface RowCheck {
  /** The relation the rows come from (the model's, or the rebuilt partitions of it). */
  readonly from: string;
  /** The condition of a failing row, its parameters numbered from `$${first}` on. */
  failsWhere(first: number): string;
}

/**
 * A cheap proof that the keys of a unique test are unique, for keys made of one INTEGER or DATE column and
 * at most one other column: per value of the other column, a bitmap of the integers (DuckDB's `bitstring_agg`)
 * has as many bits set as the group has rows exactly when its integers are distinct and not NULL. No hash
 * table of every key, so it costs one scan: `unique(source_file, source_line)` over L's 49M events
 * 6.9 → 0.6 s. When it cannot prove it (a repeat, a NULL, a bitmap too big), the test's own query runs.
 */
export interface UniqueBitmapCheck {
  /** One row: `lo` and `hi`, the integer key's range; `groups`, the other column's distinct values + 1. */
  readonly boundsSql: string;
  /** Groups whose bitmap has fewer bits than rows; no row proves the keys unique. */
  candidatesSql(lo: number, hi: number): string;
}

export interface DataTestContext {
  readonly db: Kysely<any>;
  readonly schemaByRelation: ReadonlyMap<string, string>;
  readonly vars: unknown;
  /**
   * After a refresh rebuilt only these partitions, row-level tests look only at their rows (the others
   * passed when they were built); unique tests too when the model declares its keys never span two
   * partitions. Relationships look at the child rows of the partitions; custom tests see everything.
   */
  readonly partitions?: readonly string[];
}

function scopedRelation(model: AnyModel, partitions: readonly string[] | undefined): string | undefined {
  const column = model.partitionBy?.column;
  if (!partitions || !column) return undefined;
  return `(select * from ${relationOf(model)} where ${partitionFilterSql(column, partitions)})`;
}

/**
 * Identifiers are always quoted (a column may be called `month` or `order`); accepted values are bound
 * as parameters; `expression` is SQL written by the model's author, part of the project's code.
 */
export function compileDataTest(model: AnyModel, test: DataTest, context: DataTestContext): CompiledDataTest {
  const base = { name: testNameOf(model, test), kind: test.kind, severity: test.severity ?? 'error' };
  const scoped = scopedRelation(model, context.partitions);
  const relation = scoped ?? relationOf(model);
  switch (test.kind) {
    case 'unique': {
      const from = model.partitionBy?.uniqueKeysWithinPartition ? relation : relationOf(model);
      const keys = test.columns.map(quoteIdentifier).join(', ');
      if (currentSqlEngine() === 'postgres') {
        // PostgreSQL has neither DuckDB's `hash(…)` of several values nor `group by all`: group the keys.
        return {
          ...base,
          sql: `select ${keys}, count(*) as n_records from ${from} group by ${keys} having count(*) > 1 order by ${keys}`,
          parameters: [],
        };
      }
      // Grouping 50M text keys is the slow part: group their 64-bit hashes first (equal keys hash alike,
      // NULLs included) and group the keys themselves only where a hash repeats. Same rows, ~3× faster.
      const repeatedHashes = `select hash(${keys}) from ${from} group by 1 having count(*) > 1`;
      const bitmap = uniqueBitmapOf(model, test.columns, from);
      return {
        ...base,
        sql:
          `select ${keys}, count(*) as n_records from ${from} where hash(${keys}) in (${repeatedHashes}) ` +
          `group by all having count(*) > 1 order by ${keys}`,
        parameters: [],
        ...(bitmap && { uniqueBitmap: bitmap }),
      };
    }
    case 'not_null':
      return rowTest(base, relation, () => `${quoteIdentifier(test.column)} is null`, []);
    case 'accepted_values': {
      const column = quoteIdentifier(test.column);
      const allowed = (first: number) =>
        test.values.length
          ? ` and ${column} not in (${test.values.map((_, i) => `$${first + i}`).join(', ')})`
          : '';
      return rowTest(base, relation, (first) => `${column} is not null${allowed(first)}`, test.values);
    }
    case 'relationships': {
      const column = quoteIdentifier(test.column);
      const parent = parentRelation(model, test.to, context.schemaByRelation);
      return {
        ...base,
        sql:
          `select child.* from ${relation} as child where child.${column} is not null and not exists ` +
          `(select 1 from ${parent} as parent where parent.${quoteIdentifier(test.field)} = child.${column})`,
        parameters: [],
      };
    }
    case 'expression':
      return rowTest(base, relation, () => `(${test.expression}) is not true`, []);
    case 'custom': {
      const db = context.db.withPlugin(new RelationRefPlugin(context.schemaByRelation));
      const built = test.query(db, context.vars, context.partitions);
      const query = 'isRawBuilder' in built ? built.compile(db) : built.compile();
      return { ...base, sql: query.sql, parameters: query.parameters };
    }
  }
}

function rowTest(
  base: Pick<CompiledDataTest, 'name' | 'kind' | 'severity'>,
  from: string,
  failsWhere: (first: number) => string,
  parameters: readonly unknown[],
): CompiledDataTest {
  return {
    ...base,
    sql: `select * from ${from} where ${failsWhere(1)}`,
    parameters,
    rowCheck: { from, failsWhere },
  };
}

function uniqueBitmapOf(
  model: AnyModel,
  columns: readonly string[],
  from: string,
): UniqueBitmapCheck | undefined {
  const shape = model.columns.shape as Record<string, z.ZodType>;
  const typeOf = (column: string) => (shape[column] ? duckdbTypeOf(shape[column]) : undefined);
  const numbered =
    columns.find((column) => typeOf(column) === 'INTEGER') ??
    columns.find((column) => typeOf(column) === 'DATE');
  if (!numbered || columns.length > 2) return undefined;
  // A DATE is its day number: (account_id, month) and (account_id, day) keys are proved like lines of files.
  const key =
    typeOf(numbered) === 'DATE'
      ? `(${quoteIdentifier(numbered)} - DATE '1970-01-01')`
      : quoteIdentifier(numbered);
  const other = columns.find((column) => column !== numbered);
  const group = other === undefined ? undefined : quoteIdentifier(other);
  return {
    boundsSql:
      `select min(${key})::BIGINT as lo, max(${key})::BIGINT as hi, ` +
      `${group ? `count(distinct ${group}) + 1` : '1'} as "groups" from ${from}`,
    // count(*), not count(key): a NULL key leaves a row without a bit, so the exact query decides.
    candidatesSql: (lo, hi) =>
      `select 1 from ${from} ${group ? `group by ${group} ` : ''}` +
      `having count(*) <> bit_count(bitstring_agg(${key}, ${lo}, ${hi}))`,
  };
}

export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function parentRelation(model: AnyModel, to: string, schemaByRelation: ReadonlyMap<string, string>): string {
  const schema = schemaByRelation.get(to);
  if (schema) return `${quoteIdentifier(schema)}.${quoteIdentifier(to)}`;
  if (to.includes('.')) return to.split('.').map(quoteIdentifier).join('.');
  throw new DataTestDefinitionError(
    `Model "${model.name}" has a relationships test to "${to}", which is not a model of this project; ` +
      'name a model, or a schema-qualified table such as raw.accounts.',
  );
}
