// Plants formula-like text in a generated export folder, so the report site's CSV downloads can be
// checked to neutralise it (CSV injection, apps/reports/src/components/csv-safe.js): five accounts get
// hostile ids and lose all their product events (so they are at risk in the latest month), the `smb`
// segment and those five accounts get a hostile segment name, and two acquisition channels (in accounts
// and spend) hostile names. Rewritten with DuckDB, every file keeps its own header and compression.
import { readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

export const HOSTILE_SEGMENT = "=cmd|' /C calc'!A0";
/** Replace the channels `organic` and `paid_search`. */
export const HOSTILE_CHANNELS = ['=HYPERLINK("http://x")', '-2+3'];
/** Formula-like account ids; '-2+3' is text, not a number; the last one a tab-led comment-like text. */
export const HOSTILE_ACCOUNT_IDS = ['=HYPERLINK("http://x")', '@SUM(1)', '+1', '-2+3', '\tcall back =1+1'];

const sql = (s: string) => `'${s.replaceAll("'", "''")}'`;
const ident = (s: string) => `"${s.replaceAll('"', '""')}"`;
const caseOf = (column: string, pairs: readonly (readonly [string, string])[]) =>
  pairs.length === 0
    ? ident(column)
    : `case trim(${ident(column)}) ${pairs.map(([a, b]) => `when ${sql(a)} then ${sql(b)}`).join(' ')} else ${ident(column)} end`;

export async function plantHostileValues(rawDir: string): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const db = await instance.connect();
  const read = (file: string) =>
    `read_csv(${sql(file)}, all_varchar = true, header = true, delim = ',', quote = '"', escape = '"')`;
  const columnsOf = async (file: string) =>
    (await (await db.runAndReadAll(`describe select * from ${read(file)}`)).getRowObjectsJS()).map((r) =>
      String(r.column_name),
    );
  /** The file's own spelling of a canonical column (the generator writes headers like " Account_ID "). */
  const named = (columns: string[], name: string) => columns.find((c) => c.trim().toLowerCase() === name);
  try {
    const subscriptions = join(rawDir, 'subscriptions.csv');
    const sc = await columnsOf(subscriptions);
    const [id, end, trial, amount] = ['account_id', 'end_date', 'is_trial', 'amount'].map(
      (c) => named(sc, c)!,
    );
    // Accounts paying to the end of the data: they have a health score in its latest month.
    const paying = (
      await (
        await db.runAndReadAll(
          `select trim(${ident(id!)}) as id from ${read(subscriptions)}
           where coalesce(trim(${ident(end!)}), '') = '' and lower(trim(${ident(trial!)})) = 'false'
             and try_cast(${ident(amount!)} as double) > 0
           group by 1 order by 1 limit ${HOSTILE_ACCOUNT_IDS.length}`,
        )
      ).getRowObjectsJS()
    ).map((r) => String(r.id));
    if (paying.length < HOSTILE_ACCOUNT_IDS.length) throw new Error('too few paying accounts to plant');
    const ids = paying.map((p, i) => [p, HOSTILE_ACCOUNT_IDS[i]!] as const);
    const channels = [
      ['organic', HOSTILE_CHANNELS[0]!],
      ['paid_search', HOSTILE_CHANNELS[1]!],
    ] as const;

    const files = readdirSync(rawDir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && /\.csv(\.gz)?$/.test(e.name))
      .map((e) => join(e.parentPath, e.name));
    for (const file of files) {
      const columns = await columnsOf(file);
      const accountId = named(columns, 'account_id');
      const isEvents = file.startsWith(join(rawDir, 'events'));
      const isAccounts = file === join(rawDir, 'accounts.csv');
      const channel = named(columns, isAccounts ? 'acquisition_channel' : 'channel');
      // Files with nothing to plant stay as generated (one tickets file is deliberately empty).
      if (!accountId && !(channel && (isAccounts || file.endsWith('spend.csv')))) continue;
      const replace = columns.map((c) => {
        if (c === accountId) return `${caseOf(c, ids)} as ${ident(c)}`;
        if (isAccounts && c === named(columns, 'segment')) {
          const hostile = `trim(${ident(accountId!)}) in (${paying.map(sql).join(', ')}) or trim(${ident(c)}) = 'smb'`;
          return `case when ${hostile} then ${sql(HOSTILE_SEGMENT)} else ${ident(c)} end as ${ident(c)}`;
        }
        if (c === channel && (isAccounts || file.endsWith('spend.csv')))
          return `${caseOf(c, channels)} as ${ident(c)}`;
        return ident(c);
      });
      const where =
        isEvents && accountId ? `where trim(${ident(accountId)}) not in (${paying.map(sql).join(', ')})` : '';
      const temp = `${file}.planting`;
      await db.run(
        `copy (select ${replace.join(', ')} from ${read(file)} ${where}) to ${sql(temp)}
         (format csv, header true${file.endsWith('.gz') ? ", compression 'gzip'" : ''})`,
      );
      renameSync(temp, file);
    }
  } finally {
    db.closeSync();
    instance.closeSync();
  }
}
