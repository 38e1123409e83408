import type { Colors } from '../progress/colors.js';
import { terminalSafe } from '../progress/terminal-safe.js';
import type { ColumnFeed } from './column-feeds.js';
import type { SourceExplanation, SourcesExplanation } from './sources-explanation-schema.js';

const COUNT = new Intl.NumberFormat('en-US');

/**
 * The explanation as aligned text, one block per source in ingestion order: origin, path, what feeds
 * each canonical column (mapped and preset sources), then rows per file and their total.
 */
export function formatSourcesExplanation(explanation: SourcesExplanation, c: Colors): string[] {
  const width = Math.max(...explanation.sources.map((source) => source.name.length));
  const lines: string[] = [];
  for (const [index, source] of explanation.sources.entries()) {
    if (index > 0) lines.push('');
    lines.push(...sourceBlock(source, width, c));
  }
  return lines;
}

function sourceBlock(source: SourceExplanation, width: number, c: Colors): string[] {
  const name = c.bold(source.name.padEnd(width));
  if (source.origin === 'not_present') {
    return [`${name}  ${source.origin_label}${source.required ? '' : c.dim(' (optional: empty tables)')}`];
  }
  const lines = [`${name}  ${source.origin_label}`];
  if (source.path !== null) lines.push(`  path: ${source.path}`);
  if (source.origin === 'canonical') lines.push('  columns: read under their own (contract) names');
  else lines.push(...columnLines(source.columns, c));
  lines.push('');
  if (source.files.length === 0 && source.lookups.length === 0) {
    const table = source.origin_label.startsWith('PostgreSQL table');
    lines.push(
      table ? '  no file read' : `  no file found${source.path === null ? '' : ` at ${source.path}`}`,
    );
    return lines;
  }
  lines.push(...fileTable(source));
  for (const { file, reason, rows: count } of source.left_out)
    lines.push(`  left out: ${rows(count)} of ${file} as ${reason}`);
  if (source.lookups.length) {
    const looked = source.lookups.map(({ file, read }) => `${file} (${rows(read)})`);
    lines.push(`  looked up in: ${looked.join(', ')}`);
  }
  return lines;
}

/** `created_at  ← "Create Date" (epoch_ms)`, names aligned. */
function columnLines(columns: readonly ColumnFeed[], c: Colors): string[] {
  const width = Math.max(...columns.map((feed) => feed.column.length));
  return columns.map((feed) => `  ${feed.column.padEnd(width)}  ← ${describeFeed(feed, c)}`);
}

function describeFeed(feed: ColumnFeed, c: Colors): string {
  if (feed.from === null) return c.dim('nothing (left empty)');
  if (feed.kind === 'preset') return feed.from;
  const notes = [
    ...(feed.kind === 'own_name' ? ['own name'] : []),
    ...(feed.format === null
      ? []
      : [typeof feed.format === 'string' ? feed.format : feed.format.join(' or ')]),
    ...(feed.values === null ? [] : [`values: ${Object.keys(feed.values).length} mapped`]),
    ...(feed.empty_unless === null
      ? []
      : [`only where "${feed.empty_unless.column.trim()}" is ${feed.empty_unless.values.join(' or ')}`]),
    ...(feed.time_zone === null ? [] : [`times in ${feed.time_zone}`]),
  ];
  return `"${feed.from}"${notes.length ? c.dim(` (${notes.join('; ')})`) : ''}`;
}

/** Files and their counts, right-aligned under their headers; `ignored` for a preset, or rows left out. */
function fileTable(source: SourceExplanation): string[] {
  const preset = source.origin === 'preset' || source.total.ignored > 0;
  const headers = ['read', 'loaded', 'quarantined', ...(preset ? ['ignored'] : [])];
  const numbers = (row: { read: number; loaded: number; quarantined: number; ignored: number }) =>
    [row.read, row.loaded, row.quarantined, ...(preset ? [row.ignored] : [])].map((n) => COUNT.format(n));
  const total = source.total;
  const body: [string, string[]][] = [
    // Shown escaped (terminal-safe.ts) and padded as shown: a control character in a file name is 4 columns.
    ...source.files.map((file): [string, string[]] => [terminalSafe(file.file), numbers(file)]),
    [`total (${total.files} ${total.files === 1 ? 'file' : 'files'})`, numbers(total)],
  ];
  const fileWidth = Math.max('file'.length, ...body.map(([file]) => file.length));
  const widths = headers.map((header, i) =>
    Math.max(header.length, ...body.map(([, cells]) => cells[i]!.length)),
  );
  const line = (file: string, cells: readonly string[]) =>
    `  ${file.padEnd(fileWidth)}  ${cells.map((cell, i) => cell.padStart(widths[i]!)).join('  ')}`;
  return [line('file', headers), ...body.map(([file, cells]) => line(file, cells))];
}

function rows(n: number): string {
  return `${COUNT.format(n)} ${n === 1 ? 'row' : 'rows'}`;
}
