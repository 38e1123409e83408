import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { relationOf } from '../model/compile-model.js';
import type { AnyModel } from '../model/model-definition.js';
import { pauseForTests } from '../state/test-pause.js';
import type { ModelWarehouse } from '../warehouse/model-warehouse.js';

export function exportPathOf(exportDir: string, model: AnyModel): string {
  return join(exportDir, `${model.name}.parquet`);
}

/**
 * Writes the model's relation to `<dir>/<name>.parquet` (zstd). Written to a temporary name and renamed,
 * so a reader never sees half a file.
 */
export async function exportParquet(
  warehouse: ModelWarehouse,
  model: AnyModel,
  exportDir: string,
): Promise<string> {
  await mkdir(exportDir, { recursive: true });
  const path = exportPathOf(exportDir, model);
  const partial = `${path}.partial-${process.pid}`;
  await warehouse.exec(
    `copy (select * from ${relationOf(model)}) to ${quoteLiteral(partial)} (format parquet, compression zstd)`,
  );
  await rename(partial, path);
  pauseForTests('exported');
  return path;
}

/**
 * Removes the Parquet copy of a model that failed or was skipped: the site must not keep showing the
 * previous build's numbers beside this build's as if they were consistent.
 */
export async function removeExport(model: AnyModel, exportDir: string): Promise<void> {
  await rm(exportPathOf(exportDir, model), { force: true });
}

export function quoteLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
