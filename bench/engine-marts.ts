// Whether two engines' Parquet marts are equal under the engine-equality rule of issue 16 (the one
// test/support/compare-marts.ts applies in the tests): the same files, the same columns with the same
// types, the same rows in the same order; floating and decimal numbers equal to 1e-9 relative (absolute
// near zero), everything else exactly. Done in DuckDB SQL, row against row by position in the file
// (`file_row_number`), so marts of millions of rows at L never become JavaScript objects.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

export const RELATIVE_TOLERANCE = 1e-9;

export interface MartsComparison {
  readonly equal: boolean;
  readonly files: number;
  /** Rows compared, over every file. */
  readonly rows: number;
  /** At most 20 lines, each naming the file and what differs. */
  readonly differences: readonly string[];
}

const APPROXIMATE = /^(FLOAT|DOUBLE|REAL|DECIMAL)/;
const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;
const quoteText = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** The SQL condition "column c is equal in a and b" for a column of DuckDB type `type`. */
export function sameValueSql(column: string, type: string): string {
  const a = `a.${quoteIdent(column)}`;
  const b = `b.${quoteIdent(column)}`;
  if (!APPROXIMATE.test(type)) return `${a} is not distinct from ${b}`;
  const x = `${a}::double`;
  const y = `${b}::double`;
  return `((${x} is null and ${y} is null) or (isnan(${x}) and isnan(${y})) or abs(${x} - ${y}) <= ${RELATIVE_TOLERANCE} * greatest(1, abs(${x}), abs(${y})))`;
}

const parquetFiles = (dir: string) =>
  readdirSync(dir)
    .filter((file) => file.endsWith('.parquet'))
    .sort();

export async function compareEngineMarts(expectedDir: string, actualDir: string): Promise<MartsComparison> {
  const expected = parquetFiles(expectedDir);
  const actual = parquetFiles(actualDir);
  const differences: string[] = [];
  if (expected.join(',') !== actual.join(',')) {
    differences.push(`files differ: ${expected.join(', ')} vs ${actual.join(', ')}`);
  }
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const rowsOf = async (sql: string) => (await connection.runAndReadAll(sql)).getRowObjectsJS();
  let rows = 0;
  try {
    for (const file of expected.filter((name) => actual.includes(name))) {
      const source = (dir: string) => `read_parquet(${quoteText(join(dir, file))}, file_row_number = true)`;
      const columns = async (dir: string) =>
        (await rowsOf(`describe select * from read_parquet(${quoteText(join(dir, file))})`)).map((c) => ({
          name: String(c.column_name),
          type: String(c.column_type),
        }));
      const a = await columns(expectedDir);
      const b = await columns(actualDir);
      const typesOf = (list: typeof a) => list.map((c) => `${c.name} ${c.type}`).join(', ');
      if (typesOf(a) !== typesOf(b)) {
        differences.push(`${file}: columns ${typesOf(a)} vs ${typesOf(b)}`);
        continue;
      }
      const counts = await rowsOf(
        `select (select count(*) from ${source(expectedDir)}) as a, (select count(*) from ${source(actualDir)}) as b`,
      );
      const [countA, countB] = [Number(counts[0]!.a), Number(counts[0]!.b)];
      if (countA !== countB) {
        differences.push(`${file}: ${countA} rows vs ${countB}`);
        continue;
      }
      rows += countA;
      if (a.length === 0) continue;
      const unequal = a.map((c) => `not ${sameValueSql(c.name, c.type)}`).join(' or ');
      const found = await rowsOf(
        `select a.file_row_number as row, ${a.map((c) => `a.${quoteIdent(c.name)}::varchar as ${quoteIdent(`a_${c.name}`)}, b.${quoteIdent(c.name)}::varchar as ${quoteIdent(`b_${c.name}`)}`).join(', ')}, count(*) over () as differing
           from ${source(expectedDir)} a join ${source(actualDir)} b using (file_row_number)
           where ${unequal} order by a.file_row_number limit 3`,
      );
      for (const row of found) {
        const columnsAt = a
          .filter((c) => row[`a_${c.name}`] !== row[`b_${c.name}`])
          .map((c) => `${c.name}: ${String(row[`a_${c.name}`])} vs ${String(row[`b_${c.name}`])}`);
        differences.push(
          `${file} row ${Number(row.row) + 1} (${Number(row.differing)} rows differ): ${columnsAt.join('; ')}`,
        );
      }
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  return {
    equal: differences.length === 0,
    files: expected.length,
    rows,
    differences: differences.slice(0, 20),
  };
}
