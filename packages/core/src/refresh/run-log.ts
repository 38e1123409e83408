import { appendFileSync, closeSync, fstatSync, mkdirSync, openSync, readSync } from 'node:fs';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { companionsOf } from '../config/warehouse-companions.js';
import type { RunRecord } from '../state/run-record.js';

const count = z.number().int().nonnegative();

/** A line of the log as appendRunLog writes it (RunRecord); anything else in the file is not a run. */
const runRecordLine = z.object({
  run_id: z.string(),
  started_at: z.iso.datetime(),
  finished_at: z.iso.datetime(),
  status: z.enum(['success', 'up_to_date', 'failed', 'interrupted']),
  command: z.enum(['build', 'refresh']).optional(),
  files_ingested: count,
  rows_per_source: z.record(z.string(), count),
  quarantined_rows: count,
  models_built: count,
  models_skipped: count,
  tests_failed: count,
  duration_seconds: z.number().nonnegative(),
  message: z.string().nullable(),
}) satisfies z.ZodType<RunRecord>;

/**
 * The warehouse's own run log (`pulse-runs.jsonl` beside `warehouse.duckdb`, else `<name>-runs.jsonl`:
 * see companionsOf): every run as it ends, failed and up-to-date ones included. Keyed by the warehouse
 * so two warehouses of one folder never read each other's runs.
 */
export function runLogOf(warehouse: string): string {
  return companionsOf(warehouse).runLog;
}

/**
 * One line per run, appended with O_APPEND: a crash (or a full disk) can at worst leave a torn last line,
 * skipped on read. The next record starts on a line of its own: appended onto the torn one, it would be
 * unreadable too, and `pulse status` would miss the run after a crash, a failed one included.
 */
export async function appendRunLog(warehouse: string, record: RunRecord): Promise<void> {
  await mkdir(dirname(warehouse), { recursive: true });
  const file = runLogOf(warehouse);
  await appendFile(file, `${lineBreakBefore(file)}${JSON.stringify(record)}\n`);
}

/** appendRunLog for a signal handler, which must finish its work before any other callback runs. */
export function appendRunLogSync(warehouse: string, record: RunRecord): void {
  mkdirSync(dirname(warehouse), { recursive: true });
  const file = runLogOf(warehouse);
  appendFileSync(file, `${lineBreakBefore(file)}${JSON.stringify(record)}\n`);
}

/** A newline when the log's last line was cut off (the file does not end with one), else nothing. */
function lineBreakBefore(file: string): string {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return '';
  }
  try {
    const { size } = fstatSync(fd);
    if (size === 0) return '';
    const last = Buffer.alloc(1);
    readSync(fd, last, 0, 1, size - 1);
    return last[0] === 0x0a ? '' : '\n';
  } finally {
    closeSync(fd);
  }
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
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      // A torn line from a crash mid-append.
      continue;
    }
    // A line that is JSON but not a run (edited by hand, another tool's) is skipped too: every reader
    // (pulse status, the run history) takes each record's fields as given.
    const record = runRecordLine.safeParse(value);
    if (record.success) records.push(record.data);
  }
  return records;
}
