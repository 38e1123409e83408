// The `changes` document: what the latest publish changed relative to the one before it, read from the
// Parquet files the engine keeps beside the marts (<marts>/changes/, packages/core/src/history/). Nothing
// is computed here; long lists are capped so the page stays small (`pulse diff --json` has them all).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openDuckDB, sqlString } from './duckdb.js';

export const CHANGES_CAPS = { values: 2000, accounts: 500 };

const FILES = ['summary', 'values', 'accounts', 'files'];

const parse = (text) => (text == null ? null : JSON.parse(text));

export async function changesDocument(paths, caps = CHANGES_CAPS) {
  const dir = join(paths.marts, 'changes');
  const file = (name) => sqlString(join(dir, `${name}.parquet`));
  if (!FILES.every((name) => existsSync(join(dir, `${name}.parquet`)))) return { recorded: false };
  const db = await openDuckDB();
  try {
    const [summary] = await db.rows(`SELECT * FROM read_parquet(${file('summary')})`);
    const [{ n: valuesTotal }] = await db.rows(
      `SELECT count(*)::DOUBLE AS n FROM read_parquet(${file('values')})`,
    );
    const values = await db.rows(`SELECT * FROM read_parquet(${file('values')}) LIMIT ${caps.values}`);
    const [{ n: accountsTotal }] = await db.rows(
      `SELECT count(DISTINCT account_id)::DOUBLE AS n FROM read_parquet(${file('accounts')})`,
    );
    const accountRows = await db.rows(`
      SELECT account_id, month, old_value, new_value FROM read_parquet(${file('accounts')})
      WHERE account_id IN (SELECT DISTINCT account_id FROM read_parquet(${file('accounts')})
                           ORDER BY account_id LIMIT ${caps.accounts})
      ORDER BY account_id, month`);
    const files = await db.rows(`SELECT * FROM read_parquet(${file('files')}) ORDER BY path`);
    const accounts = new Map();
    for (const row of accountRows) {
      if (!accounts.has(row.account_id)) accounts.set(row.account_id, []);
      accounts.get(row.account_id).push({ month: row.month, old: row.old_value, new: row.new_value });
    }
    return {
      recorded: true,
      first_run: summary?.first_run ?? true,
      marts_compared: summary?.marts_compared ?? [],
      marts_not_compared: summary?.marts_not_compared ?? [],
      values_total: valuesTotal,
      values: values.map((row) => ({
        mart: row.mart,
        month: row.month,
        segment: row.segment,
        other_keys: parse(row.other_keys),
        column: row.column,
        change: row.change,
        old: parse(row.old_value),
        new: parse(row.new_value),
      })),
      account_history_mart: summary?.account_history_mart ?? null,
      accounts_total: accountsTotal,
      accounts: [...accounts].map(([account_id, months]) => ({ account_id, months })),
      files_known: summary?.files_known ?? false,
      files,
    };
  } finally {
    db.close();
  }
}
