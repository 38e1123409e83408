// `pulse refresh`: measured only when the CLI lists it. The hook
// prepares "one more day" — the as_of day's events and new subscription periods shifted by one day —
// then times a refresh of a copy of the full build's warehouse, and a second (no-op) refresh.
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { type Measured, measure } from './measure.js';
import { PULSE_BIN } from './paths.js';
import { sourceFiles } from './source-files.js';

export function refreshAvailable(): boolean {
  const help = execFileSync(process.execPath, [PULSE_BIN, '--help'], { encoding: 'utf8' });
  return /^\s+refresh\s/m.test(help);
}

const nextDay = (day: string) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * A copy of the export folder plus one day after as_of (hard links for the untouched files), as a nightly
 * export brings it: the subscriptions that started on as_of start again the next day, the accounts that
 * signed up on as_of sign up again (new ids, `<id>-next`), and the events of as_of happen again, the
 * signups' events under the new accounts' ids.
 */
export async function nextDayData(
  dataDir: string,
  asOf: string,
  out: string,
): Promise<{ readonly dir: string; readonly signups: number }> {
  // The real folder, not a symlink to it: `cp -a` copies a symlink as a link, and the writes below would
  // then land in the cached dataset itself.
  execFileSync('cp', ['-al', realpathSync(dataDir), out]);
  // The config beside the data folder comes along: a different config would make the refresh a full one.
  const config = join(dirname(dataDir), 'pulse.config.json');
  if (existsSync(config)) copyFileSync(config, join(dirname(out), 'pulse.config.json'));
  const day = nextDay(asOf);
  const subscriptions = join(out, 'subscriptions.csv');
  const lines = readFileSync(subscriptions, 'utf8').trimEnd().split('\n');
  const header = lines[0]!.split(',');
  const at = (name: string) => header.indexOf(name);
  const added = lines
    .slice(1)
    .map((l) => l.split(','))
    .filter((f) => f[at('start_date')] === asOf)
    .map((f) => {
      const g = [...f];
      g[at('subscription_id')] = `${g[at('subscription_id')]}_next`;
      g[at('start_date')] = day;
      g[at('end_date')] = '';
      return g.join(',');
    });
  // Unlinked first, so the write makes a new inode: the hard-linked cache file must stay as it was.
  unlinkSync(subscriptions);
  writeFileSync(subscriptions, `${[...lines, ...added].join('\n')}\n`);
  const db = await (await DuckDBInstance.create(':memory:')).connect();
  const signups = await signUpAgain(db, out, asOf, day);
  const events = sourceFiles(dataDir).find((s) => s.name === 'events');
  if (events) {
    mkdirSync(join(out, 'events'), { recursive: true });
    const files = events.files.map((f) => `'${f}'`).join(', ');
    const signedUp =
      signups.length > 0 ? `account_id in (${signups.map((id) => `'${id}'`).join(', ')})` : 'false';
    await db.run(`copy (select * replace (event_id || '-next' as event_id,
        case when ${signedUp} then account_id || '-next' else account_id end as account_id,
        strftime(occurred_at::timestamptz + interval 1 day, '%Y-%m-%dT%H:%M:%SZ') as occurred_at)
      from read_csv([${files}], header = true, all_varchar = true)
      where occurred_at::timestamptz::date = '${asOf}') to '${join(out, 'events', 'part-next-day.csv')}' (header)`);
  }
  db.closeSync();
  return { dir: out, signups: signups.length };
}

/**
 * Appends to accounts.csv a copy of every account created on as_of, created the next day under the id
 * `<id>-next`; returns the ids copied. The lines are copied as written (names may hold quoted commas), so
 * only a file whose first column is the account id gets signups, as the generator writes it.
 */
async function signUpAgain(db: DuckDBConnection, out: string, asOf: string, day: string): Promise<string[]> {
  const accounts = join(out, 'accounts.csv');
  if (!existsSync(accounts)) return [];
  const lines = readFileSync(accounts, 'utf8').trimEnd().split('\n');
  const header = lines[0]!.split(',').map((name) => name.trim().toLowerCase());
  if (header[0] !== 'account_id' || !header.includes('created_at')) return [];
  // By position: DuckDB trims the header's names, the file keeps them as written.
  const reader = await db.runAndReadAll(`select column0 as id
    from read_csv('${accounts}', header = false, skip = 1, all_varchar = true)
    where column${header.indexOf('created_at')}::timestamptz::date = '${asOf}'`);
  const ids = new Set(reader.getRowObjects().map((row) => String(row.id)));
  if (ids.size === 0) return [];
  const added = lines
    .slice(1)
    .filter((line) => ids.has(line.slice(0, line.indexOf(','))))
    .map((line) => {
      const id = line.slice(0, line.indexOf(','));
      return `${id}-next${line.slice(id.length).replace(`${asOf}T`, `${day}T`)}`;
    });
  // Unlinked first, as subscriptions.csv: the hard-linked cache file must stay as it was.
  unlinkSync(accounts);
  writeFileSync(accounts, `${[...lines, ...added].join('\n')}\n`);
  return [...ids];
}

export interface RefreshRuns {
  readonly oneDay: Measured;
  readonly noop: Measured;
}

/**
 * Refreshes a copy of the built warehouse, and of its published marts, twice: once with the new day, once
 * with nothing new. Without the marts beside it every exported model would count as missing and be
 * rebuilt whole, which a refresh of a published warehouse never has to do.
 */
export async function measureRefresh(
  data: string,
  builtWarehouse: string,
  builtMarts: string,
  root: string,
): Promise<RefreshRuns> {
  const warehouse = join(root, 'refresh.duckdb');
  cpSync(builtWarehouse, warehouse);
  // The companion folder of `refresh.duckdb` (warehouse-companions.ts).
  cpSync(builtMarts, join(root, 'refresh-marts'), { recursive: true });
  const run = () =>
    measure([process.execPath, PULSE_BIN, 'refresh', '--data', data, '--warehouse', warehouse], {
      cwd: root,
    });
  const oneDay = await run();
  const noop = await run();
  return { oneDay, noop };
}
