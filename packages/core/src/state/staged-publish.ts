import { existsSync } from 'node:fs';
import { copyFile, link, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { StagedFileMove } from '../artifacts/write-artifacts.js';
import { passCommitPoint } from './commit-point.js';
import { PublishInProgressError, UnreadableJournalError } from './lock-errors.js';
import { isProcessAlive, processStartTime } from './process-alive.js';
import type { StagedWarehouse } from './staged-warehouse.js';
import { holdForTests, pauseForTests } from './test-pause.js';

/**
 * What a run is publishing: a staged warehouse file and a staged marts folder. Two renames cannot be
 * one atomic step, so the journal `<warehouse>.publishing` is the commit point: before it is written a
 * crash leaves the previous warehouse and marts untouched (the staged copies are garbage); once it is
 * written the next build or refresh rolls the publish forward, every step being idempotent.
 *
 * The journal names its writer and the files it is about: a journal completes only the run that wrote
 * it, and only while nothing else was published after it (see settleJournal).
 */
export interface PublishJournal {
  readonly pid: number;
  /** The writer's start time (processStartTime), to tell it from a later process with the same pid. */
  readonly process_start?: string;
  readonly written_at?: string;
  readonly warehouse: string;
  readonly stagedWarehouse: string;
  readonly marts: string;
  readonly stagedMarts: string;
  readonly oldMarts: string;
  /** Files published with the pair (the run's artifacts), each renamed from `staged` to `published`. */
  readonly files?: readonly StagedFileMove[];
  /** The staged warehouse file this run wrote (a rename keeps the inode, so it is still it once published). */
  readonly staged_file?: FileIdentity;
  /** The published warehouse the run replaces; null when there was none. */
  readonly replaces?: FileIdentity | null;
}

/** Tells one file from another at the same path: a new file renamed in has another inode or mtime. */
export interface FileIdentity {
  readonly ino: number;
  readonly size: number;
  readonly mtime_ms: number;
}

export function journalFileOf(warehouse: string): string {
  return `${warehouse}.publishing`;
}

export function stagedMartsOf(exportDir: string, pid = process.pid): string {
  return `${exportDir}.building-${pid}`;
}

/**
 * Creates the empty staged marts folder of this process (always, so a build that exports nothing still
 * publishes an empty folder rather than leaving the old marts beside a new warehouse). `fromPublished`:
 * start from the published marts (a `--select` build rewrites only its models' files). Hard links are
 * enough: a Parquet file is only ever replaced by a rename, never written in place.
 */
export async function stageMarts(exportDir: string, options: { fromPublished: boolean }): Promise<string> {
  const staged = stagedMartsOf(exportDir);
  await rm(staged, { recursive: true, force: true });
  await mkdir(staged, { recursive: true });
  if (!options.fromPublished || !existsSync(exportDir)) return staged;
  for (const name of await readdir(exportDir)) {
    if (!name.endsWith('.parquet')) continue;
    await link(join(exportDir, name), join(staged, name)).catch(() =>
      copyFile(join(exportDir, name), join(staged, name)),
    );
  }
  return staged;
}

/**
 * Publishes this process's staged marts folder alone, the warehouse unchanged (a refresh that exported
 * anew marts someone removed or damaged). A crash between the two renames leaves no marts folder, which
 * the next refresh notices and republishes; `<marts>.old-<pid>` is then swept as a leftover.
 */
export async function publishMartsAlone(exportDir: string): Promise<void> {
  const old = `${exportDir}.old-${process.pid}`;
  if (existsSync(exportDir)) await rename(exportDir, old);
  await rename(stagedMartsOf(exportDir), exportDir);
  await rm(old, { recursive: true, force: true });
}

/**
 * Publishes the staged warehouse (already checkpointed and closed), the staged marts folder and the staged
 * `files` together. `onCommit` is called at the commit point: from then on, a failure leaves the journal
 * for the next run to finish, and nothing staged may be discarded.
 */
export async function publishWithMarts(
  staged: StagedWarehouse,
  exportDir: string,
  files: readonly StagedFileMove[] = [],
  onCommit?: () => void,
): Promise<void> {
  // DuckDB has closed the file: the flush's descriptor may go. Left open, it would outlive the publish.
  await staged.closeWriteBack();
  const journal: PublishJournal = {
    pid: process.pid,
    process_start: processStartTime(process.pid),
    written_at: new Date().toISOString(),
    staged_file: await identityOf(staged.path),
    replaces: (await identityOf(staged.published)) ?? null,
    warehouse: staged.published,
    stagedWarehouse: staged.path,
    marts: exportDir,
    stagedMarts: stagedMartsOf(exportDir),
    oldMarts: `${exportDir}.old-${process.pid}`,
    files,
  };
  pauseForTests('staged');
  passCommitPoint();
  await holdForTests('committing');
  const file = journalFileOf(staged.published);
  const written = `${file}.${process.pid}.new`;
  try {
    await writeFile(written, JSON.stringify(journal));
    await rename(written, file);
  } catch (error) {
    // No journal, no commit: the staged work is discarded and nothing was published (a full disk here was
    // reported as "the next run finishes the publish from its journal", which did not exist).
    await rm(written, { force: true }).catch(() => {});
    throw error;
  }
  onCommit?.();
  await rollForward(journal, async () => {
    pauseForTests('publishing');
    await holdForTests('publishing');
  });
}

export type JournalOutcome = 'none' | 'completed' | 'dropped';

/**
 * Settles a journal left by a run that died while publishing. Call while holding the lock. It is rolled
 * forward only when it is the last thing that happened to the warehouse: the published file is still the
 * one it replaces (or already its own staged file) and its staged file is still the one it wrote.
 * Otherwise something was published after it (a restore, an older pulse that ignored the journal): the
 * journal is dropped and its staged files removed, so an old warehouse is never rolled over a newer one.
 */
export async function recoverInterruptedPublish(warehouse: string): Promise<JournalOutcome> {
  const file = journalFileOf(warehouse);
  let journal: PublishJournal;
  try {
    journal = JSON.parse(await readFile(file, 'utf8')) as PublishJournal;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'none';
    if (error instanceof SyntaxError) throw new UnreadableJournalError(file);
    throw error;
  }
  if (typeof journal !== 'object' || journal === null || typeof journal.warehouse !== 'string')
    throw new UnreadableJournalError(file);
  if (isProcessAlive(journal.pid) && processStartTime(journal.pid) === journal.process_start)
    throw new PublishInProgressError(file, journal.pid);
  if (!(await isLatest(journal))) {
    if (sameFile(await identityOf(journal.stagedWarehouse), journal.staged_file)) {
      await rm(journal.stagedWarehouse, { force: true });
      await rm(`${journal.stagedWarehouse}.wal`, { force: true });
    }
    await rm(journal.stagedMarts, { recursive: true, force: true });
    await rm(journal.oldMarts, { recursive: true, force: true });
    for (const staged of journal.files ?? []) await rm(staged.staged, { force: true });
    await rm(file, { force: true });
    return 'dropped';
  }
  await rollForward(journal);
  return 'completed';
}

/** Whether the journal's publish is still the newest thing that happened to its warehouse. */
async function isLatest(journal: PublishJournal): Promise<boolean> {
  // A journal of an older pulse names no files: trust it only if its staged file is newer than the published.
  if (journal.staged_file === undefined) {
    const staged = await identityOf(journal.stagedWarehouse);
    const published = await identityOf(journal.warehouse);
    return staged === undefined || published === undefined || staged.mtime_ms >= published.mtime_ms;
  }
  const staged = await identityOf(journal.stagedWarehouse);
  const published = await identityOf(journal.warehouse);
  if (staged !== undefined) {
    // Not renamed yet: the staged file must be ours and the published one the file we replace.
    if (!sameFile(staged, journal.staged_file)) return false;
    return published === undefined ? !journal.replaces : sameFile(published, journal.replaces ?? undefined);
  }
  // Renamed already: the published file must be our staged file; only the clean-up is left.
  return published !== undefined && published.ino === journal.staged_file.ino;
}

async function identityOf(path: string): Promise<FileIdentity | undefined> {
  try {
    const { ino, size, mtimeMs } = await stat(path);
    return { ino, size, mtime_ms: mtimeMs };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function sameFile(a: FileIdentity | undefined, b: FileIdentity | undefined): boolean {
  return (
    a !== undefined && b !== undefined && a.ino === b.ino && a.size === b.size && a.mtime_ms === b.mtime_ms
  );
}

async function rollForward(journal: PublishJournal, afterMarts?: () => Promise<void>): Promise<void> {
  if (existsSync(journal.stagedMarts)) {
    if (existsSync(journal.marts)) await rename(journal.marts, journal.oldMarts);
    await rename(journal.stagedMarts, journal.marts);
  }
  await afterMarts?.();
  if (existsSync(journal.stagedWarehouse)) {
    // The published file's WAL belongs to the old file: left behind, DuckDB would replay it onto the new one.
    await rm(`${journal.warehouse}.wal`, { force: true });
    await rename(journal.stagedWarehouse, journal.warehouse);
    if (existsSync(`${journal.stagedWarehouse}.wal`))
      await rename(`${journal.stagedWarehouse}.wal`, `${journal.warehouse}.wal`);
  }
  for (const file of journal.files ?? [])
    if (existsSync(file.staged)) await rename(file.staged, file.published);
  // The replaced marts are garbage once the new ones are in place: a folder that cannot be removed (made
  // read-only) must not fail a publish that is complete, nor every later run. It stays a leftover.
  await rm(journal.oldMarts, { recursive: true, force: true }).catch(() => {});
  await rm(journalFileOf(journal.warehouse), { force: true });
}
