// Compares two folders of Parquet marts the way the engine-equality rule reads: the same files, the same
// columns with the same types, the same rows in the same order; numbers equal to 1e-9 relative (absolute
// near zero), everything else exactly. Returns the differences as lines (empty: equal).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

export const RELATIVE_TOLERANCE = 1e-9;

function numbersClose(a: number, b: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  return Math.abs(a - b) <= RELATIVE_TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));
}

function valuesEqual(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return numbersClose(a, b);
  if (typeof a === 'bigint' || typeof b === 'bigint') return String(a) === String(b);
  return JSON.stringify(a) === JSON.stringify(b);
}

export async function compareMartFolders(expectedDir: string, actualDir: string): Promise<string[]> {
  const list = (dir: string) =>
    readdirSync(dir)
      .filter((file) => file.endsWith('.parquet'))
      .sort();
  const expected = list(expectedDir);
  const actual = list(actualDir);
  const problems: string[] = [];
  if (JSON.stringify(expected) !== JSON.stringify(actual)) {
    problems.push(`files differ: ${expected.join(', ')} vs ${actual.join(', ')}`);
  }
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    for (const file of expected.filter((name) => actual.includes(name))) {
      const read = async (dir: string) => {
        const path = join(dir, file).replaceAll("'", "''");
        const schema = (await connection.runAndReadAll(`describe select * from '${path}'`)).getRowObjectsJS();
        const rows = (await connection.runAndReadAll(`select * from '${path}'`)).getRowObjectsJS();
        return { types: schema.map((c) => `${c.column_name} ${c.column_type}`), rows };
      };
      const a = await read(expectedDir);
      const b = await read(actualDir);
      if (a.types.join(', ') !== b.types.join(', ')) {
        problems.push(`${file}: columns ${a.types.join(', ')} vs ${b.types.join(', ')}`);
        continue;
      }
      if (a.rows.length !== b.rows.length) {
        problems.push(`${file}: ${a.rows.length} rows vs ${b.rows.length}`);
        continue;
      }
      let shown = 0;
      a.rows.forEach((row, index) => {
        for (const [column, value] of Object.entries(row)) {
          const other = b.rows[index]![column];
          if (!valuesEqual(value, other) && shown++ < 5) {
            problems.push(`${file} row ${index + 1} ${column}: ${String(value)} vs ${String(other)}`);
          }
        }
      });
      if (shown > 5) problems.push(`${file}: ${shown - 5} more differing values`);
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  return problems;
}
