import {
  type IngestReport,
  nothingLost,
  type SourceIngestReport,
  totalQuarantined,
} from './ingest-report.js';

/**
 * A plain-text summary for the CLI: per source its counts and the nothing-lost check, quarantine counts
 * per reason with the first examples as file:line, and warnings.
 */
export function formatIngestSummary(report: IngestReport, examplesPerSource = 3): string {
  const lines: string[] = [];
  const width = Math.max(...report.sources.map((source) => source.name.length), 6);
  for (const source of report.sources) {
    const name = source.name.padEnd(width);
    if (!source.present) {
      lines.push(`${name}  absent (optional: empty tables)`);
      continue;
    }
    const check = nothingLost(source) ? '✓' : '✗ ROWS LOST';
    lines.push(
      `${name}  ${source.rowsRead} read = ${source.rowsLoaded} loaded + ${source.rowsQuarantined} quarantined ${check}` +
        `  (${filesNote(source)})`,
    );
    for (const [reason, count] of Object.entries(source.quarantineByReason).sort((a, b) => b[1] - a[1])) {
      lines.push(`${' '.repeat(width)}    ${reason}: ${count}`);
    }
    for (const example of source.examples.slice(0, examplesPerSource)) {
      const column = example.column ? ` [${example.column}]` : '';
      lines.push(
        `${' '.repeat(width)}    ${example.file}:${example.line}${column} ${example.reasonCode}: ${example.reason}`,
      );
    }
    for (const note of source.notes ?? []) lines.push(`${' '.repeat(width)}    ${note}`);
    for (const warning of source.warnings) lines.push(`${' '.repeat(width)}    warning: ${warning}`);
  }
  const quarantined = totalQuarantined(report);
  lines.push(
    quarantined === 0
      ? 'No row quarantined.'
      : `${quarantined} row${quarantined === 1 ? '' : 's'} quarantined: see the quarantine.<source> tables.`,
  );
  return lines.join('\n');
}

/** How many files there are, and for a refresh how many were read again. */
function filesNote(source: SourceIngestReport): string {
  if (source.table !== undefined) return `PostgreSQL table ${source.table}, judged on the server`;
  const files = `${source.files.length} file${source.files.length === 1 ? '' : 's'}`;
  if (source.mode === 'reused') return `${files}, unchanged: rows kept`;
  if (source.mode === 'appended') return `${files}, ${source.filesRead.length} new or changed read`;
  return files;
}
