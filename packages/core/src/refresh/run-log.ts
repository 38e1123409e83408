import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { companionsOf } from '../config/warehouse-companions.js';
import type { RunRecord } from '../state/run-record.js';

/**
 * The warehouse's own run log (`pulse-runs.jsonl` beside `warehouse.duckdb`, else `<name>-runs.jsonl`:
 * see companionsOf): every run as it ends, failed and up-to-date ones included. Keyed by the warehouse
 * so two warehouses of one folder never read each other's runs.
 */
export function runLogOf(warehouse: string): string {
  return companionsOf(warehouse).runLog;
}

/** One line per run, appended with O_APPEND: a crash can at worst leave a torn last line, skipped on read. */
export async function appendRunLog(warehouse: string, record: RunRecord): Promise<void> {
  await mkdir(dirname(warehouse), { recursive: true });
  await appendFile(runLogOf(warehouse), `${JSON.stringify(record)}\n`);
}

export async function readRunLog(warehouse: string): Promise<RunRecord[]> {
  let text: string;
  try {
    text = await readFile(runLogOf(warehouse), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const records: RunRecord[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      records.push(JSON.parse(line) as RunRecord);
    } catch {
      // A torn line from a crash mid-append.
    }
  }
  return records;
}
