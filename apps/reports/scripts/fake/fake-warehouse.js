// A fake warehouse holding only the quarantine.<source> tables of CONTRACT.md ("Bad input"), with
// as many rows per reason as the fake run_results.json reports, so the site's quarantine summary
// can be read from the warehouse as it will be for real.
import { sqlString } from '../lib/duckdb.js';

const SENTENCES = {
  duplicate_id: 'the id was already seen in an earlier row',
  orphan_account: 'account_id is not in accounts',
  wrong_type: 'not a valid timestamp',
};

/** @param {{name: string, by_reason: Record<string, number>}[]} sources run_results' sources */
export async function writeQuarantine(db, sources) {
  await db.connection.run('CREATE SCHEMA IF NOT EXISTS quarantine');
  for (const source of sources) {
    const table = `quarantine.${source.name}`;
    await db.connection.run(
      `CREATE OR REPLACE TABLE ${table} (file VARCHAR, line INTEGER, "column" VARCHAR, reason_code VARCHAR, reason VARCHAR, raw VARCHAR)`,
    );
    let line = 2;
    for (const [code, count] of Object.entries(source.by_reason)) {
      for (let i = 0; i < count; i++, line += 7) {
        await db.connection.run(
          `INSERT INTO ${table} VALUES (${sqlString(`${source.name}.csv`)}, ${line}, NULL, ${sqlString(code)},
            ${sqlString(SENTENCES[code] ?? code)}, '{}')`,
        );
      }
    }
  }
}
