// What the site reads from the warehouse itself, read-only: quarantined rows per source and reason
// (quarantine.<source>, with a sentence and the file:line of the first such row) and each source's
// latest record (raw.<source>), for the Data quality page. Counts and maxima only, never a metric.
// When the warehouse is missing or locked by a running build, run_results' counts are used instead.
import { existsSync } from 'node:fs';
import { openDuckDB } from './duckdb.js';

const ident = (s) => `"${String(s).replaceAll('"', '""')}"`;

/** The column that dates a record of each source (CONTRACT.md). */
const DATED_BY = {
  accounts: 'created_at',
  subscriptions: 'start_date',
  invoices: 'issued_at',
  events: 'occurred_at',
  tickets: 'created_at',
  survey_responses: 'responded_at',
  spend: 'month',
  fx_rates: 'date',
};

const tablesOf = async (db, schema) =>
  (
    await db.rows(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = '${schema}' ORDER BY table_name`,
    )
  ).map((t) => t.table_name);

const columnsOf = async (db, table) => (await db.rows(`DESCRIBE ${table}`)).map((c) => c.column_name);

async function quarantine(db) {
  const rows = [];
  for (const source of await tablesOf(db, 'quarantine')) {
    const table = `quarantine.${ident(source)}`;
    const cols = await columnsOf(db, table);
    const code = ['reason_code', 'reason'].find((c) => cols.includes(c));
    if (!code) continue;
    const order =
      cols.includes('file') && cols.includes('line') ? "file || lpad(line::VARCHAR, 12, '0')" : null;
    const sentence =
      cols.includes('reason') && code !== 'reason' && order ? `arg_min(reason, ${order})` : 'NULL';
    const at = order ? `arg_min(file || ':' || line, ${order})` : 'NULL';
    const result = await db.rows(
      `SELECT ${ident(code)}::VARCHAR AS reason, count(*)::DOUBLE AS rows, ${sentence} AS example_reason,
              ${at} AS example_at
       FROM ${table} GROUP BY 1 ORDER BY 1`,
    );
    for (const r of result) rows.push({ source, ...r });
  }
  return rows;
}

async function freshness(db) {
  const out = [];
  for (const source of await tablesOf(db, 'raw')) {
    const column = DATED_BY[source];
    const table = `raw.${ident(source)}`;
    if (!column || !(await columnsOf(db, table)).includes(column)) continue;
    const [r] = await db.rows(
      `SELECT coalesce(strftime(try_cast(max(${ident(column)}) AS TIMESTAMP), '%Y-%m-%dT%H:%M:%SZ'),
                       max(${ident(column)})::VARCHAR) AS latest
       FROM ${table}`,
    );
    out.push({ source, column, latest_record_at: r.latest });
  }
  return out;
}

export async function readWarehouse(path) {
  if (!existsSync(path))
    return { quarantine: null, freshness: null, note: 'no warehouse file next to the marts' };
  let db;
  try {
    db = await openDuckDB(path, { access_mode: 'READ_ONLY' });
    return { quarantine: await quarantine(db), freshness: await freshness(db), note: 'from the warehouse' };
  } catch (error) {
    return {
      quarantine: null,
      freshness: null,
      note: `warehouse not readable: ${error.message.split('\n')[0]}`,
    };
  } finally {
    db?.close();
  }
}

export function quarantineFromRun(run) {
  return (run?.sources ?? []).flatMap((s) =>
    s.by_reason.map((r) => ({
      source: s.name,
      reason: r.reason,
      rows: r.rows,
      example_reason: null,
      example_at: null,
    })),
  );
}

/** run_results' sources, with the warehouse's latest record where run_results has none. */
export function withFreshness(sources, fresh) {
  return sources.map((s) => ({
    ...s,
    latest_record_at: s.latest_record_at ?? fresh?.find((f) => f.source === s.name)?.latest_record_at ?? null,
  }));
}
