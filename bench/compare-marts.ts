// The Arquero output must equal the Parquet marts `pulse build` wrote, row for row, to 1e-6: a faster
// number for a different answer would mean nothing.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

type Columns = Record<string, unknown[]>;
export interface Comparison {
  readonly mart: string;
  readonly rows: number;
  readonly mismatches: number;
  readonly examples: readonly string[];
}

const TOLERANCE = 1e-6;
const SPECS = [
  {
    mart: 'mrr_account_months',
    key: ['account_id', 'month'],
    values: ['mrr', 'prev_mrr', 'mrr_change', 'movement'],
  },
  {
    mart: 'mrr_monthly',
    key: ['month', 'segment'],
    values: [
      'mrr',
      'active_accounts',
      'start_accounts',
      'start_mrr',
      'new_accounts',
      'new_mrr',
      'reactivated_accounts',
      'reactivation_mrr',
      'expansion_mrr',
      'contraction_mrr',
      'churned_accounts',
      'churned_mrr',
    ],
  },
  {
    mart: 'cohort_retention',
    key: ['cohort_month', 'segment', 'months_since'],
    values: ['cohort_accounts', 'active_accounts', 'mrr'],
  },
] as const;

const same = (a: unknown, b: unknown) =>
  typeof a === 'number' && typeof b === 'number'
    ? Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.abs(b))
    : a === b;

export async function compareWithMarts(arqueroJson: string, martsDir: string): Promise<Comparison[]> {
  const ours = JSON.parse(await readFile(arqueroJson, 'utf8')) as Record<string, Columns>;
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const comparisons: Comparison[] = [];
  try {
    for (const spec of SPECS) {
      const file = join(martsDir, `${spec.mart}.parquet`).replaceAll("'", "''");
      const cols = [...spec.key, ...spec.values].map((c) =>
        c.endsWith('month')
          ? `strftime(${c}, '%Y-%m-%d') as ${c}`
          : `${c}::${c === 'movement' || c === 'segment' || c === 'account_id' ? 'varchar' : 'double'} as ${c}`,
      );
      const reader = await connection.runAndReadAll(`select ${cols.join(', ')} from read_parquet('${file}')`);
      const pulse = new Map<string, Record<string, unknown>>();
      for (const row of reader.getRowObjectsJS()) pulse.set(spec.key.map((k) => row[k]).join('|'), row);
      const arq = ours[spec.mart]!;
      const n = arq[spec.key[0]]!.length;
      const examples: string[] = [];
      let mismatches = 0;
      const note = (text: string) => {
        mismatches++;
        if (examples.length < 5) examples.push(text);
      };
      for (let i = 0; i < n; i++) {
        const key = spec.key.map((k) => arq[k]![i]).join('|');
        const row = pulse.get(key);
        if (!row) {
          note(`${key}: only in Arquero`);
          continue;
        }
        pulse.delete(key);
        for (const v of spec.values) {
          if (!same(arq[v]![i], row[v])) note(`${key} ${v}: arquero ${arq[v]![i]} pulse ${row[v]}`);
        }
      }
      for (const key of pulse.keys()) note(`${key}: only in Pulse`);
      comparisons.push({ mart: spec.mart, rows: n, mismatches, examples });
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  return comparisons;
}
