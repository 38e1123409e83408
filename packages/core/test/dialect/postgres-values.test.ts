import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { ValueConversionError } from '../../src/dialect/dialect-errors.js';
import {
  duckdbNameOfPostgresType,
  inlineParameters,
  postgresLiteral,
  postgresTypeOfDuckdb,
  pulsePostgresTypes,
} from '../../src/dialect/postgres-values.js';

const types = pulsePostgresTypes(pg.types);

describe('PostgreSQL values: the same policy as DuckDB', () => {
  it('reads BIGINT and NUMERIC as numbers, DATE as text, TIMESTAMP as a UTC Date', () => {
    expect(types.getTypeParser(20)('9007199254740991')).toBe(2 ** 53 - 1);
    expect(() => types.getTypeParser(20)('9007199254740993')).toThrow(ValueConversionError);
    expect(types.getTypeParser(1700)('12.50')).toBe(12.5);
    expect(types.getTypeParser(1082)('2024-02-29')).toBe('2024-02-29');
    expect(types.getTypeParser(1114)('2024-02-29 23:59:59.5')).toEqual(new Date('2024-02-29T23:59:59.500Z'));
    expect(() => types.getTypeParser(1114)('infinity')).toThrow(ValueConversionError);
    expect(types.getTypeParser(1016)('{1,NULL,3}')).toEqual([1, null, 3]);
  });

  it('names PostgreSQL column types as DuckDB does, and back', () => {
    expect(
      ['float8', 'int4', 'int8', 'text', 'varchar', 'date', 'timestamp', 'bool', '_text'].map((udt) =>
        duckdbNameOfPostgresType(udt),
      ),
    ).toEqual([
      'DOUBLE',
      'INTEGER',
      'BIGINT',
      'VARCHAR',
      'VARCHAR',
      'DATE',
      'TIMESTAMP',
      'BOOLEAN',
      'VARCHAR[]',
    ]);
    expect(duckdbNameOfPostgresType('numeric', 18, 3)).toBe('DECIMAL(18,3)');
    expect(
      ['DOUBLE', 'INTEGER', 'VARCHAR[]', 'DECIMAL(18,3)', 'TIMESTAMP'].map(postgresTypeOfDuckdb),
    ).toEqual(['double precision', 'integer', 'text[]', 'numeric(18,3)', 'timestamp']);
    expect(() => postgresTypeOfDuckdb('STRUCT(a INTEGER)')).toThrow(ValueConversionError);
  });

  it('writes parameters as literals typed like DuckDB binds them', () => {
    expect(postgresLiteral(3)).toBe('3');
    expect(postgresLiteral(2 ** 40)).toBe('1099511627776::bigint');
    expect(postgresLiteral(0.8)).toBe("'0.8'::double precision");
    expect(postgresLiteral("O'Brien")).toBe("'O''Brien'");
    expect(postgresLiteral(true)).toBe('true');
    expect(postgresLiteral(null)).toBe('null');
    expect(postgresLiteral(['a', 'b'])).toBe("array['a', 'b']::text[]");
    expect(postgresLiteral(new Date('2024-01-02T03:04:05.006Z'))).toBe(
      "'2024-01-02 03:04:05.006'::timestamp",
    );
  });

  it('inlines $n outside quoted text and identifiers only', () => {
    expect(
      inlineParameters(`select $1::date as "$2", '$2' as t, $2 * x, $10`, [
        '2024-06-30',
        0.5,
        3,
        4,
        5,
        6,
        7,
        8,
        9,
        'ten',
      ]),
    ).toBe(`select '2024-06-30'::date as "$2", '$2' as t, '0.5'::double precision * x, 'ten'`);
  });
});
