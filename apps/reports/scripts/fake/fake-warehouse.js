// A fake warehouse holding the quarantine.<source> tables of CONTRACT.md ("Bad input"), with as many
// rows per reason as the fake run_results.json reports, and a one-column raw.<source> per source
// dating its latest record, so the site reads quarantine and freshness as it will for real.
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

const DATED_BY = {
  accounts: ['created_at', 'TIMESTAMP', 0],
  subscriptions: ['start_date', 'DATE', 2],
  invoices: ['issued_at', 'TIMESTAMP', 1],
  events: ['occurred_at', 'TIMESTAMP', 0],
  tickets: ['created_at', 'TIMESTAMP', 3],
  survey_responses: ['responded_at', 'TIMESTAMP', 5],
  spend: ['month', 'DATE', 18],
};

/** raw.<source> with only its dating column: the latest record is a few days before as_of. */
export async function writeRawDates(db, asOf) {
  await db.connection.run('CREATE SCHEMA IF NOT EXISTS raw');
  for (const [source, [column, type, daysBefore]] of Object.entries(DATED_BY)) {
    await db.connection.run(
      `CREATE OR REPLACE TABLE raw.${source} AS
       SELECT (DATE ${sqlString(asOf)} - INTERVAL ${daysBefore} DAY + INTERVAL 9 HOUR)::${type} AS ${column}`,
    );
  }
}
