import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendRunLog, appendRunLogSync, readRunLog, runLogOf } from '../../src/refresh/run-log.js';
import { toRunRecord } from '../../src/state/run-record.js';
import { tempDir } from '../support/temp-warehouse.js';

describe('the run log', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir('pulse-run-log-'));
  });
  afterEach(() => cleanup());

  // pulse status crashed ("Cannot read properties of null (reading 'run_id')") on a line that was JSON
  // but no run: each record's fields were taken as given.
  it('reads the runs it wrote and skips torn lines and JSON that is not a run', async () => {
    const warehouse = join(dir, 'warehouse.duckdb');
    const run = toRunRecord({ runId: 'r1', startedAt: new Date('2026-12-01T03:00:00Z'), status: 'success' });
    await appendRunLog(warehouse, run);
    const junk = [
      'null',
      '[]',
      '5',
      '{"run_id":1}',
      '{"status":"failed","started_at":"nope"}',
      '{"run_id": "torn',
    ];
    await appendFile(runLogOf(warehouse), junk.map((line) => `${line}\n`).join(''));
    const later = toRunRecord({
      runId: 'r2',
      startedAt: new Date('2026-12-02T03:00:00Z'),
      status: 'up_to_date',
    });
    await appendRunLog(warehouse, later);
    expect(await readRunLog(warehouse)).toEqual([run, later]);
  });

  // A run log cut off mid-line (a kill or a full disk during an append, a truncated restore): the next
  // run's record was appended onto the torn line, so it could not be read either, and `pulse status`
  // reported the run before it: OK after a failed refresh.
  it('starts each record on a line of its own after a line cut off mid-way', async () => {
    const warehouse = join(dir, 'warehouse.duckdb');
    const ok = toRunRecord({ runId: 'r1', startedAt: new Date('2026-12-01T03:00:00Z'), status: 'success' });
    await appendRunLog(warehouse, ok);
    await appendFile(runLogOf(warehouse), '{"run_id":"x","started_at":"2026-12-07T09:');
    const failed = toRunRecord({
      runId: 'r2',
      startedAt: new Date('2026-12-07T03:00:00Z'),
      status: 'failed',
    });
    await appendRunLog(warehouse, failed);
    expect(await readRunLog(warehouse)).toEqual([ok, failed]);
    await appendFile(runLogOf(warehouse), '{"run_id":"y"');
    const later = toRunRecord({ runId: 'r3', startedAt: new Date('2026-12-02T03:00:00Z'), status: 'failed' });
    appendRunLogSync(warehouse, later);
    expect(await readRunLog(warehouse)).toEqual([ok, failed, later]);
  });
});
