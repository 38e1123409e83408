import { currentSqlEngine } from '../dialect/sql-engine.js';
import {
  integerOverflow,
  normalizedText,
  rangeViolation,
  shownValue,
  typedValue,
  wrongTypeCode,
  wrongTypeReason,
} from './column-parsing.js';
import { problemField, problemValue } from './judging-forms.js';
import {
  type CheckContext,
  columnLabel,
  DUPLICATE_REASON,
  labelsOf,
  type RowCheck,
  type SourceDefinition,
} from './source-definition.js';
import { quoteIdentifier as q, sqlString } from './sql-text.js';
import { UNFIT_COLUMN, unfitValueReason } from './unfit-values.js';

/** The alias of the row being judged, so checks can name its columns inside subqueries. */
const ROW = '__row';

/** The reason code of a record that could not be split into the header's columns (a CSV or JSON syntax error). */
export const MALFORMED_REASON = 'malformed_row';

export interface JudgingOptions {
  /**
   * The staging has `_unfit_column` set on some rows (StagedFile.unfitValues): each column then gets one
   * more branch. Off, the SQL is as it was without it: staging that cannot hold such values (CSV, a
   * preset's derived rows, a PostgreSQL table) pays nothing and need not have the column.
   */
  readonly unfitColumn?: boolean;
}

/**
 * The SQL that types and judges every staged row of a source in one pass, creating `checked`: the typed
 * columns plus `_code`, `_column`, `_reason` (NULL for a valid row) and the row's lineage.
 *
 * Judging has two rounds. Round one gives each row its first problem in contract column order, looking at
 * the row alone: for each column its type (missing_required, wrong_type, unknown_value, out_of_range),
 * then its references (orphan_account) and `row` checks. Round two runs only over rows round one found
 * valid: unique keys (duplicate_id) and `valid_rows` checks (overlapping_period). So "seen before" means
 * "an earlier row that is otherwise valid": an invalid row never hides a later valid one. A row round one
 * found invalid that repeats the key of an earlier valid row is a duplicate_id too when the key's column
 * comes before its own problem's (the first problem in column order: `invalidRowsProblem`).
 */
export function checkedTableSql(
  source: SourceDefinition,
  staging: string,
  checked: string,
  context: Omit<CheckContext, 'column' | 'label'>,
  options: JudgingOptions = {},
): string {
  const checkContext: CheckContext = {
    ...context,
    column: (name) => `${ROW}.${q(name)}`,
    label: labelsOf(source),
  };
  const outputOf = (problem: string) =>
    [
      '_file_index',
      '_row',
      '_line',
      '_order',
      '_raw_text',
      `${problemField(problem, 'column')} as _column`,
      `${problemField(problem, 'code')} as _code`,
      `${problemField(problem, 'reason')} as _reason`,
      ...source.columns.map((column) => q(column.name)),
    ].join(', ');
  const output = outputOf('_problem');
  const duckdb = currentSqlEngine() !== 'postgres';
  const setLevel = validRowsProblemSql(source, checkContext, duckdb);
  const prelude = `
create temp table ${checked} as
${judgedCtes(source, staging, checkContext, setLevel !== undefined, options)}`;
  // Without unique keys or valid_rows checks (events), round one is the whole judgement: one pass.
  if (!setLevel)
    return `${prelude}
select ${output} from judged`;
  const invalid = invalidRowsProblem(source, checkContext);
  const invalidRows = `select ${outputOf('_final')} from (
  select ${ROW}.*, ${invalid.problem} as _final from judged ${ROW} ${invalid.joins} where ${ROW}._problem is not null
) as invalid_rows`;
  const invalidCtes = invalid.ctes.map((cte) => `, ${cte}`).join('');
  if (!duckdb) {
    // No `* exclude` on PostgreSQL: round two's problem under its own name, read by position.
    return `${prelude}${invalidCtes}, settled as (
  select *, ${setLevel} as _settled
  from judged ${ROW} where _problem is null
)
${invalidRows}
union all
select ${outputOf('_settled')} from settled`;
  }
  // A repeated key is found by grouping the keys (a hash aggregate) and joining back only the first
  // row's order, instead of numbering every valid row within its key (a window sorts every row with all
  // its columns): at L's 536k invoices 1.3 → 0.7 CPU-s, the same rows.
  const repeated = (source.uniqueKeys ?? []).map((key, index) => {
    const keys = key.map((name, at) => `${q(name)} as ${q(`__key${index}_${at}`)}`).join(', ');
    const on = key.map(
      (name, at) =>
        `${q(`__repeat${index}`)}.${q(`__key${index}_${at}`)} is not distinct from ${ROW}.${q(name)}`,
    );
    return {
      cte: `${q(`__repeat${index}`)} as (
  select ${keys}, min(_order) as ${q(`__first${index}`)}
  from judged where _problem is null group by all having count(*) > 1
)`,
      join: `left join ${q(`__repeat${index}`)} on ${on.join(' and ')}`,
    };
  });
  return `${prelude}${repeated.map((r) => `, ${r.cte}`).join('')}${invalidCtes}, settled as (
  select ${ROW}.* exclude (_problem), ${setLevel} as _problem
  from judged ${ROW} ${repeated.map((r) => r.join).join(' ')} where ${ROW}._problem is null
)
${invalidRows}
union all
select ${output} from settled`;
}

/**
 * The problem of a row round one found invalid, when an earlier column has a problem that compares the row
 * with the valid rows (the first problem in column order is then that one, not the row's own):
 * - duplicate_id, when it repeats the key of an earlier row round one found valid and the key's first
 *   column comes before its own problem's column, outside the key. `__valid_first<i>` holds the first
 *   valid row's order of each key that an invalid row carries too (a semi-join keeps it to those keys: at
 *   L, few);
 * - a `valid_rows` check's problem, when the check says how to judge an invalid row (`failsForInvalidRow`)
 *   and its column comes before the row's own problem's.
 */
function invalidRowsProblem(
  source: SourceDefinition,
  context: CheckContext,
): { ctes: string[]; joins: string; problem: string } {
  const rankOf = new Map(source.columns.map((column, index) => [column.name, index]));
  const problemColumn = problemField(`${ROW}._problem`, 'column');
  const problemRank = `(case ${problemColumn} ${source.columns
    .map((column, index) => `when ${sqlString(column.name)} then ${index}`)
    .join(' ')} else -1 end)`;
  const keys = (source.uniqueKeys ?? []).map((key, index) => ({ key, index }));
  const ctes = keys.map(({ key, index }) => {
    const columns = key.map((name, at) => `${q(name)} as ${q(`__vkey${index}_${at}`)}`).join(', ');
    return `${q(`__valid_first${index}`)} as (
  select ${columns}, min(_order) as ${q(`__vfirst${index}`)} from judged
  where _problem is null and ${q(key[0]!)} in (select ${q(key[0]!)} from judged where _problem is not null)
  group by ${key.map(q).join(', ')}
)`;
  });
  const joins = keys
    .map(({ key, index }) => {
      const on = key.map(
        (name, at) =>
          `${q(`__vf${index}`)}.${q(`__vkey${index}_${at}`)} is not distinct from ${ROW}.${q(name)}`,
      );
      return `left join ${q(`__valid_first${index}`)} ${q(`__vf${index}`)} on ${on.join(' and ')}`;
    })
    .join(' ');
  const repeatWhens = keys.map(({ key, index }) => {
    const reason = repeatedKeyReason(key, context.label, `${ROW}.`);
    const outsideKey = key.map((name) => `${sqlString(name)}`).join(', ');
    return {
      rank: rankOf.get(key[0]!)!,
      sql: `when ${q(`__vf${index}`)}.${q(`__vfirst${index}`)} < ${ROW}._order
              and ${problemRank} > ${rankOf.get(key[0]!)!}
              and coalesce(${problemColumn} not in (${outsideKey}), false)
            then ${problem(key[0]!, DUPLICATE_REASON, reason)}`,
    };
  });
  const validRows = '(select * from judged where _problem is null)';
  const checkWhens = (source.checks ?? []).flatMap((check) => {
    if ((check.scope ?? 'row') !== 'valid_rows' || !check.failsForInvalidRow) return [];
    const rank = rankOf.get(check.column)!;
    return [
      {
        rank,
        sql: `when ${problemRank} > ${rank} and coalesce((${check.failsForInvalidRow(context, validRows)}), false)
            then ${problem(check.column, check.reasonCode, checkReason(check, context))}`,
      },
    ];
  });
  // In column order: the first of these problems is the row's first.
  const whens = [...repeatWhens, ...checkWhens].sort((a, b) => a.rank - b.rank).map((when) => when.sql);
  return {
    ctes,
    joins,
    problem: whens.length ? `case ${whens.join(' ')} else ${ROW}._problem end` : `${ROW}._problem`,
  };
}

/** True when round one is the whole judgement (no unique keys, no valid_rows checks): rows can be judged file by file. */
export function judgedRowByRow(source: SourceDefinition): boolean {
  return (
    (source.uniqueKeys ?? []).length === 0 &&
    !(source.checks ?? []).some((check) => (check.scope ?? 'row') === 'valid_rows')
  );
}

/**
 * For a source judged row by row: the SQL inserting the valid rows of `staging` (staging rows of some
 * files) into `target` (the raw table: source columns, `_file` given by the SQL `fileName` over the
 * staging columns, `_line`) without materialising the judgement. The same CTEs as checkedTableSql, so a row is valid here exactly when it is valid there.
 */
export function insertValidRowsSql(
  source: SourceDefinition,
  staging: string,
  target: string,
  fileName: string,
  context: Omit<CheckContext, 'column' | 'label'>,
  /** A relation `files(_file_index, _file_name)` joined on the file index, for `fileName` to name `files._file_name`. */
  files?: string,
): string {
  const checkContext: CheckContext = {
    ...context,
    column: (name) => `${ROW}.${q(name)}`,
    label: labelsOf(source),
  };
  const columns = source.columns.map((column) => `judged.${q(column.name)}`).join(', ');
  const join = files ? ` join ${files} on files._file_index = judged._file_index` : '';
  return `insert into ${target}
${judgedCtes(source, staging, checkContext, false, {})}
select ${columns}, ${fileName}, judged._line::INTEGER from judged${join} where judged._problem is null`;
}

/** Round one as CTEs ending in `judged`: texts → typed → joined with the references → first problem. */
function judgedCtes(
  source: SourceDefinition,
  staging: string,
  checkContext: CheckContext,
  materialized: boolean,
  options: JudgingOptions,
): string {
  const columns = source.columns;
  const v = (index: number) => q(`__v${index}`);
  const references = source.references ?? [];
  const texts = columns.map(
    (column, index) => `${normalizedText(column, `s.${q(column.name)}`)} as ${v(index)}`,
  );
  // Minor units read the row's currency (its text, as the vendor wrote it after any `values` mapping).
  const currencyIndex = columns.findIndex((column) => column.name === 'currency');
  const currency = currencyIndex === -1 ? undefined : v(currencyIndex);
  const typed = columns.map(
    (column, index) => `${typedValue(column, v(index), currency)} as ${q(column.name)}`,
  );
  // A semi-join (DuckDB's mark join) on the referenced keys: the probe carries one boolean, not the key
  // through a left join (at 5M events: 0.14 against 0.54 CPU-s). True, false, or NULL for a NULL value
  // (which the check never reads: it asks only about values that parsed).
  const referenceFlags = references.map(
    (reference, index) =>
      `t.${q(reference.column)} in (select ${q(reference.key)} from ${checkContext.rawTable(reference.source)} where ${q(reference.key)} is not null) as __ref${index}`,
  );
  // PostgreSQL inlines these CTEs and would repeat a column's typing expression at every reference to it
  // (a timestamp's is long): OFFSET 0 keeps `typed` a subquery of its own, computed once per row.
  const fence = currentSqlEngine() === 'postgres' ? ' offset 0' : '';
  return `with texts as (
  select _file_index, _row, _line, _malformed, _raw_text,${options.unfitColumn ? ` ${UNFIT_COLUMN},` : ''}
         _file_index::BIGINT * 4294967296 + _line as _order,
         ${texts.join(',\n         ')}
  from ${staging} s
), typed as (
  select *, ${typed.join(',\n            ')} from texts${fence}
), joined as (
  select t.*${referenceFlags.map((flag) => `, ${flag}`).join('')} from typed t
), judged as ${materialized ? 'materialized ' : ''}(
  select *, ${rowProblemSql(source, checkContext, options)} as _problem from joined ${ROW}
)`;
}

function problem(column: string | null, code: string, reason: string): string {
  return problemValue(column === null ? 'NULL::VARCHAR' : sqlString(column), sqlString(code), reason);
}

/** Round one: the first problem of a row on its own, in column order. */
function rowProblemSql(source: SourceDefinition, context: CheckContext, options: JudgingOptions): string {
  const branches = [`when _malformed is not null then ${problem(null, MALFORMED_REASON, '_malformed')}`];
  source.columns.forEach((column, index) => {
    const v = q(`__v${index}`);
    const typed = q(column.name);
    // Before the type: an object's text may well parse (as an id, as text), and its reason says why not.
    if (options.unfitColumn) {
      branches.push(
        `when ${UNFIT_COLUMN} = ${sqlString(column.name)} then ${problem(column.name, 'wrong_type', unfitValueReason(column, v))}`,
      );
    }
    if (column.required) {
      branches.push(
        `when ${v} is null then ${problem(column.name, 'missing_required', sqlString(`${columnLabel(column)} is empty but required`))}`,
      );
    }
    const overflow = integerOverflow(column, typed, v);
    if (overflow)
      branches.push(
        `when ${overflow.failsWhen} then ${problem(column.name, 'out_of_range', overflow.reason)}`,
      );
    // Text never fails to parse: no branch to evaluate on every row.
    if (column.type !== 'id' && column.type !== 'string') {
      branches.push(
        `when ${v} is not null and ${typed} is null then ${problem(column.name, wrongTypeCode(column), wrongTypeReason(column, v))}`,
      );
    }
    if (column.range) {
      const range = rangeViolation(column, typed, v, column.range);
      branches.push(`when ${range.failsWhen} then ${problem(column.name, 'out_of_range', range.reason)}`);
    }
    (source.references ?? []).forEach((reference, referenceIndex) => {
      if (reference.column !== column.name) return;
      const reason = `${sqlString(`${columnLabel(column)} '`)} || ${shownValue(v)} || ${sqlString(`' does not match any ${reference.key} in ${reference.source}`)}`;
      branches.push(
        `when ${typed} is not null and not __ref${referenceIndex} then ${problem(column.name, reference.reasonCode, reason)}`,
      );
    });
    for (const check of checksOn(source, column.name, 'row')) branches.push(checkBranch(check, context));
  });
  return `case ${branches.join('\n    ')} end`;
}

/** Round two: problems that compare a valid row with the earlier valid rows. */
function validRowsProblemSql(
  source: SourceDefinition,
  context: CheckContext,
  /** Repeats read from the `__repeat<i>` relations joined beside each row (DuckDB), not a window. */
  joinedRepeats: boolean,
): string | undefined {
  const branches: string[] = [];
  source.columns.forEach((column) => {
    (source.uniqueKeys ?? []).forEach((key, keyIndex) => {
      if (key[0] !== column.name) return;
      const keyColumns = key.map(q).join(', ');
      const reason = repeatedKeyReason(key, context.label);
      const repeats = joinedRepeats
        ? `${ROW}._order > ${q(`__repeat${keyIndex}`)}.${q(`__first${keyIndex}`)}`
        : `row_number() over (partition by ${keyColumns} order by _order) > 1`;
      branches.push(`when ${repeats} then ${problem(column.name, DUPLICATE_REASON, reason)}`);
    });
    for (const check of checksOn(source, column.name, 'valid_rows'))
      branches.push(checkBranch(check, context));
  });
  return branches.length ? `case ${branches.join('\n    ')} end` : undefined;
}

/**
 * The reason of a duplicate_id, naming the key's columns (as `label` names them: a mapped column by its
 * vendor column too) and values (read under `row`, e.g. `__row.`). An empty
 * part of a key is a value like any other here (two rows with the same empty part repeat), shown as such:
 * concatenating NULL would have left the quarantine row without a reason.
 */
function repeatedKeyReason(key: readonly string[], label: (name: string) => string, row = ''): string {
  const values = key
    .map((name) => `coalesce('''' || ${row}${q(name)}::VARCHAR || '''', '(empty)')`)
    .join(` || ', ' || `);
  return `${sqlString(`${key.map(label).join(', ')} `)} || ${values} || ${sqlString(' repeats an earlier row (the first one in file order is kept)')}`;
}

function checksOn(source: SourceDefinition, column: string, scope: 'row' | 'valid_rows'): RowCheck[] {
  return (source.checks ?? []).filter((check) => check.column === column && (check.scope ?? 'row') === scope);
}

function checkBranch(check: RowCheck, context: CheckContext): string {
  return `when coalesce((${check.failsWhen(context)}), false) then ${problem(check.column, check.reasonCode, checkReason(check, context))}`;
}

/**
 * A check's reason sentence; its description when the sentence is NULL (built from a NULL value): a
 * quarantine row always says why, and the run's artifacts require it.
 */
function checkReason(check: RowCheck, context: CheckContext): string {
  return `coalesce((${check.reason(context)}), ${sqlString(check.description)})`;
}
