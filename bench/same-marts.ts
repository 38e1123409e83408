// Two folders of Parquet marts compared by DuckDB: the same marts, the same columns and types, the same
// rows. Doubles may differ by 1e-9 of the larger magnitude (absolute below 1: a sum of many terms can
// land on 1e-17 instead of 0 when DuckDB adds in another order); every other type must be equal.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

const TOLERANCE = 1e-9;
const APPROXIMATE = new Set(['DOUBLE', 'FLOAT']);

export interface MartsComparison {
  readonly marts: number;
  readonly rows: number;
  /** Empty when equal; otherwise one line per difference (a few examples per mart). */
  readonly differences: readonly string[];
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;
const parquets = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.parquet'))
    .sort();

export async function compareMartFolders(expectedDir: string, actualDir: string): Promise<MartsComparison> {
  const expected = parquets(expectedDir);
  const actual = parquets(actualDir);
  const differences: string[] = [];
  for (const f of expected) if (!actual.includes(f)) differences.push(`${f}: missing`);
  for (const f of actual) if (!expected.includes(f)) differences.push(`${f}: not expected`);
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const rowsOf = async (sql: string) => (await connection.runAndReadAll(sql)).getRowObjectsJS();
  let rows = 0;
  try {
    for (const file of expected.filter((f) => actual.includes(f))) {
      const a = `read_parquet(${literal(join(expectedDir, file))})`;
      const b = `read_parquet(${literal(join(actualDir, file))})`;
      const schema = async (read: string) =>
        (await rowsOf(`describe select * from ${read}`)).map((r) => `${r.column_name} ${r.column_type}`);
      const [schemaA, schemaB] = [await schema(a), await schema(b)];
      if (schemaA.join(', ') !== schemaB.join(', ')) {
        differences.push(`${file}: columns (${schemaA.join(', ')}) ≠ (${schemaB.join(', ')})`);
        continue;
      }
      const columns = schemaA.map((c) => {
        const space = c.lastIndexOf(' ');
        return { name: c.slice(0, space), approximate: APPROXIMATE.has(c.slice(space + 1)) };
      });
      // Rows are paired by rank in a total order (exact columns first): marts have no duplicate keys.
      const order = [...columns.filter((c) => !c.approximate), ...columns.filter((c) => c.approximate)]
        .map((c) => `${quote(c.name)} nulls first`)
        .join(', ');
      const same = columns
        .map(({ name, approximate }) => {
          const [x, y] = [`a.${quote(name)}`, `b.${quote(name)}`];
          return approximate
            ? `(${x} is not distinct from ${y} or abs(${x} - ${y}) <= ${TOLERANCE} * greatest(1, abs(${x}), abs(${y})) or (isnan(${x}) and isnan(${y})))`
            : `${x} is not distinct from ${y}`;
        })
        .join(' and ');
      const ranked = (read: string) =>
        `select *, row_number() over (order by ${order}) as _rank from ${read}`;
      const found = await rowsOf(
        `with a as (${ranked(a)}), b as (${ranked(b)})
         select count(a._rank)::double as expected, count(b._rank)::double as actual,
                count(*) filter (where a._rank is null or b._rank is null or not (${same}))::double as bad,
                list(concat('expected ', to_json(a)::varchar, ', got ', to_json(b)::varchar))
                  filter (where a._rank is null or b._rank is null or not (${same}))[1:3] as examples
         from a full join b on a._rank = b._rank`,
      );
      const {
        expected: n,
        actual: m,
        bad,
        examples,
      } = found[0]! as {
        expected: number;
        actual: number;
        bad: number;
        examples: string[] | null;
      };
      rows += n;
      if (bad > 0)
        differences.push(
          `${file}: ${bad} of ${n} rows differ (${m} rows built): ${(examples ?? []).join('; ')}`,
        );
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  return { marts: expected.length, rows, differences };
}
