// Are two folders of Parquet marts byte for byte the same file? And where they are not, by how much do the
// values differ: per mart and DOUBLE column, how many values and the largest relative difference. Used by
// the bench's two-builds check (reproducibility) and by hand to compare marts before and after a change.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

export interface ColumnDifference {
  readonly mart: string;
  readonly column: string;
  /** Rows whose value differs (NULL against a value counts). */
  readonly values: number;
  readonly rows: number;
  /** max |a − b| / max(|a|, |b|) over the differing values (0 when both are 0). */
  readonly maxRelative: number;
}

export interface MartBytes {
  /** True when both folders hold the same Parquet files with the same bytes. */
  readonly identical: boolean;
  readonly files: readonly { readonly file: string; readonly same: boolean }[];
  /** The files in one folder only. */
  readonly unmatched: readonly string[];
  /** For the files whose bytes differ: what differs in their values (empty when only the bytes do). */
  readonly columns: readonly ColumnDifference[];
}

const parquets = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.parquet'))
    .sort();
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

export async function compareMartBytes(dirA: string, dirB: string): Promise<MartBytes> {
  const a = parquets(dirA);
  const b = parquets(dirB);
  const both = a.filter((f) => b.includes(f));
  const unmatched = [...a.filter((f) => !b.includes(f)), ...b.filter((f) => !a.includes(f))];
  const files = both.map((file) => ({ file, same: sha256(join(dirA, file)) === sha256(join(dirB, file)) }));
  const columns: ColumnDifference[] = [];
  for (const { file, same } of files) {
    if (!same) columns.push(...(await valueDifferences(join(dirA, file), join(dirB, file))));
  }
  return {
    identical: unmatched.length === 0 && a.length > 0 && files.every((f) => f.same),
    files,
    unmatched,
    columns,
  };
}

/**
 * Rows are paired by their rank in the order of the non-DOUBLE columns (the key of every mart is among
 * them); each column whose values differ on some pair is reported. Columns of other types are compared
 * exactly.
 */
async function valueDifferences(pathA: string, pathB: string): Promise<ColumnDifference[]> {
  const mart = pathA
    .split('/')
    .pop()!
    .replace(/\.parquet$/, '');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const rowsOf = async (sql: string) => (await connection.runAndReadAll(sql)).getRowObjectsJS();
  try {
    const schema = (await rowsOf(`describe select * from read_parquet(${literal(pathA)})`)) as {
      column_name: string;
      column_type: string;
    }[];
    const exact = schema.filter((c) => c.column_type !== 'DOUBLE').map((c) => quote(c.column_name));
    const ranked = (path: string) =>
      `select *, row_number() over (order by ${exact.map((c) => `${c} nulls first`).join(', ')}) as _rank
       from read_parquet(${literal(path)})`;
    const out: ColumnDifference[] = [];
    for (const { column_name: name, column_type: type } of schema) {
      const [x, y] = [`a.${quote(name)}`, `b.${quote(name)}`];
      const relative =
        type === 'DOUBLE'
          ? `max(case when ${x} = ${y} then 0 else abs(${x} - ${y}) / greatest(abs(${x}), abs(${y})) end)
               filter (where ${x} is distinct from ${y})`
          : '0';
      const [row] = (await rowsOf(
        `with a as (${ranked(pathA)}), b as (${ranked(pathB)})
         select count(*)::double as rows,
                (count(*) filter (where ${x} is distinct from ${y}))::double as values,
                coalesce(${relative}, 0)::double as max_relative
         from a full join b on a._rank = b._rank`,
      )) as { rows: number; values: number; max_relative: number }[];
      if (row && row.values > 0) {
        out.push({ mart, column: name, values: row.values, rows: row.rows, maxRelative: row.max_relative });
      }
    }
    return out;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** `npx tsx bench/mart-bytes.ts <marts A> <marts B>`: prints the comparison, exits 1 unless identical. */
async function main(argv: readonly string[]): Promise<void> {
  const [dirA, dirB] = argv;
  if (!dirA || !dirB) {
    console.error('usage: npx tsx bench/mart-bytes.ts <marts folder A> <marts folder B>');
    process.exit(2);
  }
  const result = await compareMartBytes(dirA, dirB);
  for (const { file, same } of result.files) console.log(`${same ? 'same' : 'DIFF'}  ${file}`);
  for (const file of result.unmatched) console.log(`only in one folder: ${file}`);
  for (const c of result.columns) {
    console.log(
      `  ${c.mart}.${c.column}: ${c.values} of ${c.rows} values differ, max relative ${c.maxRelative.toExponential(2)}`,
    );
  }
  console.log(`byte-identical: ${result.identical ? 'yes' : 'no'}`);
  process.exit(result.identical ? 0 : 1);
}

if (import.meta.url === `file://${process.argv[1]}`) await main(process.argv.slice(2));
