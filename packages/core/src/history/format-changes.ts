import { terminalSafe } from '../progress/terminal-safe.js';
import type { MovedValue, PublishedChanges } from './read-changes.js';

export const FIRST_RUN_MESSAGE = 'first run: nothing to compare';

/** `pulse diff`'s text: the moved values as a table, then the accounts and the files. */
export function formatChanges(changes: PublishedChanges, martsDir: string): string[] {
  const lines = [`Changes since the previous published run (marts: ${martsDir})`];
  if (changes.first_run) return [...lines, FIRST_RUN_MESSAGE];
  lines.push(`Compared: ${changes.marts_compared.join(', ') || 'no mart'}`);
  if (changes.marts_not_compared.length)
    lines.push(`Not compared (published by one run only): ${changes.marts_not_compared.join(', ')}`);
  lines.push('');
  if (changes.values.length === 0) lines.push('No historical value moved.');
  else {
    lines.push(`${changes.values.length} ${changes.values.length === 1 ? 'value' : 'values'} moved:`);
    const rows = changes.values.map((value) => [
      value.mart,
      value.month,
      segmentOf(value),
      value.column ?? `(row ${value.change})`,
      `${show(value.old)} → ${show(value.new)}`,
    ]);
    lines.push(...table(['mart', 'month', 'segment', 'column', 'old → new'], rows));
  }
  if (changes.account_history_mart !== null) {
    lines.push('');
    if (changes.accounts.length === 0)
      lines.push(`No account's ${changes.account_history_mart} history changed.`);
    else {
      lines.push(
        `Accounts whose history changed (${changes.account_history_mart}): ${changes.accounts.length}`,
      );
      for (const account of changes.accounts)
        lines.push(
          `  ${account.account_id}: ${account.months.map((m) => `${m.month} ${show(m.old)} → ${show(m.new)}`).join(', ')}`,
        );
    }
  }
  lines.push('');
  if (!changes.files_known) lines.push('Files: not known (a --select build records none).');
  else if (changes.files.length === 0) lines.push('Files: none new, changed or removed.');
  else {
    lines.push('Files the run brought in:');
    for (const file of changes.files) lines.push(`  ${file.change.padEnd(7)}  ${file.path} (${file.source})`);
  }
  return lines;
}

/** The grain beside the month: the segment, then any other key (channel, months_since …). */
export function segmentOf(value: Pick<MovedValue, 'segment' | 'other_keys'>): string {
  const others = Object.entries(value.other_keys ?? {}).map(([key, v]) => `${key}=${String(v)}`);
  return [value.segment ?? '', ...others].filter(Boolean).join(' ') || '—';
}

function show(value: unknown): string {
  if (value === null || value === undefined) return '∅';
  if (typeof value === 'number') return String(Number(value.toPrecision(12)));
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function table(header: readonly string[], data: readonly (readonly string[])[]): string[] {
  // Segments come from export data: padded as they are shown, a control character as its `\xNN`.
  const rows = data.map((row) => row.map((cell) => terminalSafe(cell)));
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]) =>
    `  ${cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')}`;
  return [line(header), ...rows.map(line)];
}
