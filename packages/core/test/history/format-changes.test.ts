// `pulse diff`'s table of moved values. A segment comes from export data; a control character in it is
// printed as `\xNN` (terminal-safe.ts), four columns wide, and the table was padded by its raw length,
// so every column after it slid out of line.
import { describe, expect, it } from 'vitest';
import { formatChanges } from '../../src/history/format-changes.js';
import type { MovedValue, PublishedChanges } from '../../src/history/read-changes.js';
import { terminalSafe } from '../../src/progress/terminal-safe.js';

const moved = (segment: string): MovedValue => ({
  mart: 'mrr_monthly',
  month: '2026-10-01',
  segment,
  other_keys: null,
  column: 'mrr',
  change: 'changed',
  old: 100,
  new: 120,
});

const changes: PublishedChanges = {
  first_run: false,
  marts_compared: ['mrr_monthly'],
  marts_not_compared: [],
  values: [moved('smb'), moved('ent\x1b[2J')],
  account_history_mart: null,
  accounts: [],
  files_known: false,
  files: [],
};

describe("pulse diff's table of moved values", () => {
  it('pads a segment holding a control character as it is shown', () => {
    const shown = formatChanges(changes, 'marts').map((line) => terminalSafe(line));
    const rows = shown.filter((line) => line.includes('mrr_monthly  '));
    expect(rows).toHaveLength(2);
    expect(rows[1]).toContain('ent\\x1b[2J');
    expect(rows[0]!.indexOf('mrr  ')).toBe(rows[1]!.indexOf('mrr  '));
    const header = shown.find((line) => line.includes('old → new'))!;
    expect(rows[0]!.indexOf('mrr  ')).toBe(header.indexOf('column'));
  });
});
