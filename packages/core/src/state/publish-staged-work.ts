import { rm } from 'node:fs/promises';
import type { StagedFileMove } from '../artifacts/write-artifacts.js';
import { Warehouse } from '../warehouse/warehouse.js';
import { PublishUnfinishedError } from './lock-errors.js';
import { martsFilesOf } from './published-marts.js';
import { writePublishedMarts } from './pulse-tables.js';
import { publishWithMarts } from './staged-publish.js';
import type { StagedWarehouse } from './staged-warehouse.js';

/**
 * Opens the staged warehouse, runs `work` on it and, when `work` returns, records the staged marts folder
 * in it (pulse.published_marts) and publishes the staged warehouse with the staged marts folder
 * (`stagedExportDir`) and the files `stageFiles` wrote (the run's artifacts) through the journal. When
 * anything throws, nothing is published: the staged files are removed and the published ones stay as
 * they were.
 */
export async function publishStagedWork<T>(
  staged: StagedWarehouse,
  stagedExportDir: string,
  publishedExportDir: string,
  work: (warehouse: Warehouse) => Promise<T>,
  stageFiles?: (result: T) => Promise<readonly StagedFileMove[]>,
): Promise<T> {
  let warehouse: Warehouse | undefined;
  let files: readonly StagedFileMove[] = [];
  let committed = false;
  try {
    warehouse = await Warehouse.open(staged.path);
    const result = await work(warehouse);
    if (stageFiles) files = await stageFiles(result);
    // The marts folder as it will be published (a rename keeps each file's size and mtime): what a
    // refresh compares the published folder with to notice marts someone else changed or removed.
    await writePublishedMarts(warehouse, await martsFilesOf(stagedExportDir));
    // Everything reaches the main file before it moves: no WAL is left to replay.
    await warehouse.exec('checkpoint');
    await warehouse.close();
    await publishWithMarts(staged, publishedExportDir, files, () => {
      committed = true;
    });
    return result;
  } catch (error) {
    // Past the commit point the journal finishes the publish (this run's, or the next one's): the staged
    // files it names must stay, and "nothing was published" would not be true.
    if (committed) throw new PublishUnfinishedError(staged.published, error);
    await warehouse?.close();
    await staged.discard();
    await rm(stagedExportDir, { recursive: true, force: true });
    for (const file of files) await rm(file.staged, { force: true });
    throw error;
  }
}
