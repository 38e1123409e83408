// A refused nightly delivery (a damaged file, a shrink the guard stopped) left the site showing the last
// good run, with nothing on any page to say last night's refresh failed; only `pulse status` said so.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { failureSincePublished, readRunLog } from '../scripts/lib/run-log.js';

const published = { run_id: 'r2', generated_at: '2026-12-02T03:01:00.000Z' };
const record = (run_id, started_at, status, message = null) => ({
  run_id,
  started_at,
  status,
  command: 'refresh',
  message,
});

describe('the latest run after the published one', () => {
  it('is reported when it failed or was interrupted, its message cut to its first line', () => {
    const records = [
      record('r1', '2026-12-01T03:00:00.000Z', 'success'),
      record('r2', '2026-12-02T03:00:00.000Z', 'success'),
      record(
        'r3',
        '2026-12-03T03:00:00.000Z',
        'failed',
        'events/part-9.csv.gz: the file is not valid gzip\nmore',
      ),
    ];
    expect(failureSincePublished(records, published)).toEqual({
      started_at: '2026-12-03T03:00:00.000Z',
      status: 'failed',
      command: 'refresh',
      message: 'events/part-9.csv.gz: the file is not valid gzip',
    });
    const interrupted = [...records.slice(0, 2), record('r3', '2026-12-03T03:00:00.000Z', 'interrupted')];
    expect(failureSincePublished(interrupted, published)?.status).toBe('interrupted');
  });

  it('is not reported once a later run succeeded or found nothing to do, nor when there is none', () => {
    const failed = record('r3', '2026-12-03T03:00:00.000Z', 'failed', 'x');
    const base = [record('r2', '2026-12-02T03:00:00.000Z', 'success'), failed];
    expect(
      failureSincePublished([...base, record('r4', '2026-12-04T03:00:00.000Z', 'up_to_date')], published),
    ).toBeNull();
    expect(
      failureSincePublished([record('r2', '2026-12-02T03:00:00.000Z', 'success')], published),
    ).toBeNull();
    expect(failureSincePublished(base, null)).toBeNull();
  });

  it("is not looked for in a log that does not hold the published run (another warehouse's, or a build)", () => {
    const records = [
      record('x1', '2026-12-02T03:00:00.000Z', 'success'),
      record('x2', '2026-12-03T03:00:00.000Z', 'failed', 'm'),
    ];
    expect(failureSincePublished(records, published)).toBeNull();
  });
});

describe('the run log', () => {
  it('is read line by line, passing over lines that are not records; none when absent', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pulse-run-log-'));
    try {
      const file = join(dir, 'pulse-runs.jsonl');
      writeFileSync(file, `${JSON.stringify(record('r1', '2026-12-01T03:00:00.000Z', 'success'))}\n{cut\n\n`);
      expect(readRunLog(file).map((r) => r.run_id)).toEqual(['r1']);
      expect(readRunLog(join(dir, 'none.jsonl'))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
