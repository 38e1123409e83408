import { rm } from 'node:fs/promises';
import { Warehouse } from '../warehouse/warehouse.js';
import { martsFilesOf } from './published-marts.js';
import { writePublishedMarts } from './pulse-tables.js';
import { publishWithMarts } from './staged-publish.js';
import type { StagedWarehouse } from './staged-warehouse.js';

/**
 * Opens the staged warehouse, runs `work` on it and, when `work` returns, records the staged marts folder
 * in it (pulse.published_marts) and publishes the staged warehouse with the staged marts folder
 * (`stagedExportDir`) through the journal. When anything throws, nothing is
 * published: the staged pair is removed and the published pair stays as it was.
 */
export async function publishStagedWork<T>(
  staged: StagedWarehouse,
  stagedExportDir: string,
  publishedExportDir: string,
  work: (warehouse: Warehouse) => Promise<T>,
): Promise<T> {
  let warehouse: Warehouse | undefined;
  try {
    warehouse = await Warehouse.open(staged.path);
    const result = await work(warehouse);
    // The marts folder as it will be published (a rename keeps each file's size and mtime): what a
    // refresh compares the published folder with to notice marts someone else changed or removed.
    await writePublishedMarts(warehouse, await martsFilesOf(stagedExportDir));
    // Everything reaches the main file before it moves: no WAL is left to replay.
    await warehouse.exec('checkpoint');
    await warehouse.close();
    await publishWithMarts(staged, publishedExportDir);
    return result;
  } catch (error) {
    await warehouse?.close();
    await staged.discard();
    await rm(stagedExportDir, { recursive: true, force: true });
    throw error;
  }
}
