// Quarantined rows per source and reason. The warehouse's quarantine.<source> tables are the most
// detailed record (they carry a human-readable reason and the file:line of an example), so they are
// used when the warehouse can be opened read-only; otherwise run_results' per-source counts are used.
import { existsSync } from 'node:fs';
import { openDuckDB } from './duckdb.js';

const ident = (s) => `"${String(s).replaceAll('"', '""')}"`;

export async function quarantineFromWarehouse(path) {
  if (!path || !existsSync(path)) return { rows: null, note: 'no warehouse file next to the marts' };
  let db;
  try {
    db = await openDuckDB(path, { access_mode: 'READ_ONLY' });
    const tables = await db.rows(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'quarantine' ORDER BY table_name",
    );
    const rows = [];
    for (const { table_name: source } of tables) {
      const cols = (await db.rows(`DESCRIBE quarantine.${ident(source)}`)).map((c) => c.column_name);
      const code = ['reason_code', 'reason', '_reason'].find((c) => cols.includes(c));
      if (!code) continue;
      // The example is the first quarantined row in file order (file name, then line).
      const order =
        cols.includes('file') && cols.includes('line') ? "file || lpad(line::VARCHAR, 12, '0')" : null;
      const sentence =
        cols.includes('reason') && code !== 'reason' && order ? `arg_min(reason, ${order})` : 'NULL';
      const where = order ? `arg_min(file || ':' || line, ${order})` : 'NULL';
      const result = await db.rows(
        `SELECT ${ident(code)}::VARCHAR AS reason, count(*)::INTEGER AS rows, ${sentence} AS example_reason,
                ${where} AS example_at
         FROM quarantine.${ident(source)} GROUP BY 1 ORDER BY 1`,
      );
      for (const r of result) rows.push({ source, ...r });
    }
    return { rows, note: 'from the warehouse quarantine tables' };
  } catch (error) {
    // A build holding the write lock, or an older warehouse: fall back to run_results.
    return { rows: null, note: `warehouse not readable: ${error.message.split('\n')[0]}` };
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
