import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PulseError } from '../errors.js';
import { namingDamagedParquet } from '../ingest/damaged-parquet.js';
import { readerPath } from '../ingest/sql-text.js';
import { Warehouse } from '../warehouse/warehouse.js';
import { CHANGES_FILES, changesDirOf } from './changes-folder.js';

/** One value of a monthly mart that differs between the previous and the latest published run. */
export interface MovedValue {
  readonly mart: string;
  /** The grain's month, `YYYY-MM-DD`. */
  readonly month: string;
  readonly segment: string | null;
  /** The other grain columns (channel, months_since …), or null. */
  readonly other_keys: Record<string, unknown> | null;
  /** The column; null for a row that appeared or disappeared as a whole. */
  readonly column: string | null;
  readonly change: 'changed' | 'added' | 'removed';
  /** The value (a whole row for `removed`), null when absent. */
  readonly old: unknown;
  readonly new: unknown;
}

export interface AccountChange {
  readonly account_id: string;
  /** The months whose value moved, oldest first; old or new is null where the month was absent. */
  readonly months: readonly {
    readonly month: string;
    readonly old: number | null;
    readonly new: number | null;
  }[];
}

export interface ChangedFile {
  readonly path: string;
  readonly source: string;
  readonly change: 'added' | 'changed' | 'removed';
  /** Whether the file's source feeds the account history (so it may explain the accounts' moves). */
  readonly feeds_account_history: boolean;
}

/** What the latest publish changed relative to the one before it (`pulse diff --json`). */
export interface PublishedChanges {
  readonly first_run: boolean;
  readonly marts_compared: readonly string[];
  /** Monthly marts one of the two runs did not publish (a new mart, or a model that failed). */
  readonly marts_not_compared: readonly string[];
  readonly values: readonly MovedValue[];
  readonly account_history_mart: string | null;
  readonly accounts: readonly AccountChange[];
  /** False when the run did not know which files it read anew (a `--select` build). */
  readonly files_known: boolean;
  readonly files: readonly ChangedFile[];
}

export class NoChangesRecordedError extends PulseError {
  override readonly name = 'NoChangesRecordedError';
  constructor(martsDir: string) {
    super(
      `No changes recorded in ${changesDirOf(martsDir)}: the marts were published by a pulse that did not keep ` +
        'them, or never built. Run `pulse refresh` (or `pulse build`); from the run after it on, `pulse diff` compares.',
    );
  }
}

/** Reads `<marts>/changes/` (Parquet only, the warehouse is never opened). */
export async function readPublishedChanges(martsDir: string): Promise<PublishedChanges> {
  const dir = changesDirOf(martsDir);
  if (!Object.values(CHANGES_FILES).every((name) => existsSync(join(dir, name))))
    throw new NoChangesRecordedError(martsDir);
  const db = await Warehouse.open(':memory:');
  try {
    return await namingDamagedParquet(
      db,
      () => Object.values(CHANGES_FILES).map((name) => join(dir, name)),
      'It is part of what the last publish recorded of its changes: `pulse refresh` republishes the marts ' +
        'without that record (`pulse diff` compares again after the next refresh that rebuilds), or ' +
        '`pulse build` rebuilds them.',
      () => readChanges(db, martsDir),
    );
  } finally {
    await db.close();
  }
}

async function readChanges(db: Warehouse, martsDir: string): Promise<PublishedChanges> {
  const dir = changesDirOf(martsDir);
  const file = (name: keyof typeof CHANGES_FILES) => readerPath(join(dir, CHANGES_FILES[name]));
  const [summary] = await db.query<{
    first_run: boolean;
    marts_compared: string[];
    marts_not_compared: string[];
    files_known: boolean;
    account_history_mart: string | null;
  }>(`select * from read_parquet(${file('summary')})`);
  if (summary === undefined) throw new NoChangesRecordedError(martsDir);
  const values = await db.query<{
    mart: string;
    month: string;
    segment: string | null;
    other_keys: string | null;
    column: string | null;
    change: MovedValue['change'];
    old_value: string | null;
    new_value: string | null;
  }>(`select * from read_parquet(${file('values')})`);
  const accountRows = await db.query<{
    account_id: string;
    month: string;
    old_value: number | null;
    new_value: number | null;
  }>(`select * from read_parquet(${file('accounts')}) order by account_id, month`);
  const files = await db.query<ChangedFile>(`select * from read_parquet(${file('files')}) order by path`);
  const accounts = new Map<string, AccountChange['months'][number][]>();
  for (const row of accountRows) {
    const months = accounts.get(row.account_id) ?? [];
    months.push({ month: row.month, old: row.old_value, new: row.new_value });
    accounts.set(row.account_id, months);
  }
  const parse = (text: string | null) => (text === null ? null : JSON.parse(text));
  return {
    first_run: summary.first_run,
    marts_compared: summary.marts_compared,
    marts_not_compared: summary.marts_not_compared,
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
    account_history_mart: summary.account_history_mart,
    accounts: [...accounts].map(([account_id, months]) => ({ account_id, months })),
    files_known: summary.files_known,
    files,
  };
}
