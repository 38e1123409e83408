import { join } from 'node:path';

/**
 * Where a published run keeps its history, inside the marts folder so the one rename that publishes the
 * marts publishes them too (state/staged-publish.ts): the previous run's monthly marts and this run's
 * changes can never belong to another run than the marts beside them.
 * - `previous/<mart>.parquet`: the monthly marts (and the account history mart) as the run published
 *   before this one had them (hard links of its files: no copy, no extra space until they are replaced).
 * - `changes/*.parquet`: what moved between the two (record-changes.ts).
 */
export function previousDirOf(martsDir: string): string {
  return join(martsDir, 'previous');
}

export function changesDirOf(martsDir: string): string {
  return join(martsDir, 'changes');
}

export const CHANGES_FILES = {
  summary: 'summary.parquet',
  values: 'values.parquet',
  accounts: 'accounts.parquet',
  files: 'files.parquet',
} as const;
