import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { RunRecord } from './run-record.js';

/** `<warehouse dir>/pulse-runs.jsonl`: every run as it ends, failed and up-to-date ones included. */
export function runLogOf(warehouse: string): string {
  return join(dirname(warehouse), 'pulse-runs.jsonl');
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
