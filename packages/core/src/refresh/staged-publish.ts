import { existsSync } from 'node:fs';
import { copyFile, link, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { StagedWarehouse } from '../runner/staged-warehouse.js';
import { pauseForTests } from './test-pause.js';

/**
 * What a refresh is publishing: a staged warehouse file and a staged marts folder. Two renames cannot be
 * one atomic step, so the journal `<warehouse>.publishing` is the commit point: before it is written a
 * crash leaves the previous warehouse and marts untouched (the staged copies are garbage); once it is
 * written the next refresh rolls the publish forward, every step being idempotent.
 */
export interface PublishJournal {
  readonly pid: number;
  readonly warehouse: string;
  readonly stagedWarehouse: string;
  readonly marts: string;
  readonly stagedMarts: string;
  readonly oldMarts: string;
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

/** Publishes the staged warehouse (already checkpointed and closed) and the staged marts folder together. */
export async function publishWithMarts(staged: StagedWarehouse, exportDir: string): Promise<void> {
  const journal: PublishJournal = {
    pid: process.pid,
    warehouse: staged.published,
    stagedWarehouse: staged.path,
    marts: exportDir,
    stagedMarts: stagedMartsOf(exportDir),
    oldMarts: `${exportDir}.old-${process.pid}`,
  };
  pauseForTests('staged');
  const file = journalFileOf(staged.published);
  await writeFile(`${file}.${process.pid}.new`, JSON.stringify(journal));
  await rename(`${file}.${process.pid}.new`, file);
  await rollForward(journal, () => pauseForTests('publishing'));
}

/** Completes an interrupted publish; true when there was one. Call while holding the lock. */
export async function recoverInterruptedPublish(warehouse: string): Promise<boolean> {
  const file = journalFileOf(warehouse);
  let journal: PublishJournal;
  try {
    journal = JSON.parse(await readFile(file, 'utf8')) as PublishJournal;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  await rollForward(journal);
  return true;
}

async function rollForward(journal: PublishJournal, afterMarts?: () => void): Promise<void> {
  if (existsSync(journal.stagedMarts)) {
    if (existsSync(journal.marts)) await rename(journal.marts, journal.oldMarts);
    await rename(journal.stagedMarts, journal.marts);
  }
  afterMarts?.();
  if (existsSync(journal.stagedWarehouse)) {
    // The published file's WAL belongs to the old file: left behind, DuckDB would replay it onto the new one.
    await rm(`${journal.warehouse}.wal`, { force: true });
    await rename(journal.stagedWarehouse, journal.warehouse);
    if (existsSync(`${journal.stagedWarehouse}.wal`))
      await rename(`${journal.stagedWarehouse}.wal`, `${journal.warehouse}.wal`);
  }
  await rm(journal.oldMarts, { recursive: true, force: true });
  await rm(journalFileOf(journal.warehouse), { force: true });
}
