// The judging SQL's per-engine forms as compiled: DuckDB keeps the forms judging always wrote, PostgreSQL
// gets forms with no DuckDB-only function. Both engines run them in test/postgres/judging-forms.test.ts
// (same values and NULLs) and table-sources-parity.test.ts (same quarantine).
import { describe, expect, it } from 'vitest';
import { withSqlEngine } from '../../src/dialect/sql-engine.js';
import { defineSource } from '../../src/index.js';
import { typedValue } from '../../src/ingest/column-parsing.js';
import {
  fullMatch,
  isoDateText,
  isoTimestampText,
  problemField,
  problemValue,
} from '../../src/ingest/judging-forms.js';
import type { SourceColumn } from '../../src/ingest/source-definition.js';
import { checkedTableSql } from '../../src/ingest/validation-query.js';

const onPostgres = <T>(work: () => T) => withSqlEngine('postgres', work);

/** DuckDB functions and syntax PostgreSQL does not have. */
const DUCKDB_ONLY = /regexp_full_match|try_cast|try_strptime|struct_pack|isfinite|strftime|\bexclude\b/i;

const source = defineSource({
  name: 'things',
  required: false,
  description: 'Every column type, a unique key and a check over valid rows.',
  columns: [
    { name: 'id', type: 'id', required: true, description: 'id' },
    { name: 'at', type: 'timestamp', description: 'at' },
    { name: 'day', type: 'date', description: 'day' },
    { name: 'month', type: 'month', description: 'month' },
    { name: 'amount', type: 'money', range: { min: 0 }, description: 'amount' },
    { name: 'count', type: 'integer', description: 'count' },
    { name: 'flag', type: 'boolean', default: false, description: 'flag' },
    { name: 'currency', type: 'currency', description: 'currency' },
    { name: 'kind', type: { enum: ['a', 'b'] }, default: 'a', description: 'kind' },
  ],
  uniqueKeys: [['id']],
  checks: [
    {
      reasonCode: 'too_early',
      column: 'day',
      scope: 'valid_rows',
      description: 'later than the previous day',
      failsWhen: () => 'day < lag(day) over (order by _order)',
      reason: () => `'day ' || ${isoDateText('day')} || ' is early'`,
    },
  ],
});

describe('judging forms', () => {
  it('DuckDB: the forms judging always wrote', () => {
    expect(fullMatch('v', '(?i)\\d+')).toBe("regexp_full_match(v, '(?i)\\d+')");
    expect(problemValue("'c'", "'code'", "'why'")).toBe(
      `struct_pack("column" := 'c', code := 'code', reason := 'why')`,
    );
    expect(problemField('_problem', 'column')).toBe('_problem."column"');
    expect(isoDateText('d')).toBe("strftime(d, '%Y-%m-%d')");
    expect(isoTimestampText('t')).toBe("strftime(t, '%Y-%m-%dT%H:%M:%SZ')");
  });

  it('PostgreSQL: anchored regular expressions, text arrays, to_char', () => {
    onPostgres(() => {
      expect(fullMatch('v', '(?i)\\d+')).toBe("(v ~* '^(?:\\d+)$')");
      expect(fullMatch('v', '[A-Z]{3}')).toBe("(v ~ '^(?:[A-Z]{3})$')");
      expect(problemValue("'c'", "'code'", "'why'")).toBe("array['c', 'code', 'why']::text[]");
      expect(problemField('_problem', 'reason')).toBe('_problem[3]');
      expect(isoDateText('d')).toBe("to_char(d, 'YYYY-MM-DD')");
      expect(isoTimestampText('t')).toBe(`to_char(t, 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`);
    });
  });

  it('PostgreSQL: the whole judging statement uses no DuckDB-only function or syntax', () => {
    const context = { config: {}, rawTable: (name: string) => `raw."${name}"` };
    const duckdb = checkedTableSql(source, 'staging', 'checked', context);
    const postgres = onPostgres(() => checkedTableSql(source, 'staging', 'checked', context));
    expect(duckdb).toMatch(DUCKDB_ONLY);
    expect(postgres).not.toMatch(DUCKDB_ONLY);
    expect(postgres).toContain('_settled');
  });

  it('PostgreSQL: every declared format is free of DuckDB-only functions', () => {
    const column = (type: SourceColumn['type'], format: string): SourceColumn => ({
      name: 'x',
      type,
      format,
      description: 'x',
    });
    for (const [type, format] of [
      ['timestamp', 'epoch_s'],
      ['timestamp', 'epoch_ms'],
      ['date', 'epoch_s'],
      ['money', 'minor_units'],
    ] as const) {
      expect(onPostgres(() => typedValue(column(type, format), 'v', 'c'))).not.toMatch(DUCKDB_ONLY);
    }
  });
});
