// The warehouse's run log (`<warehouse>-runs.jsonl`, or `pulse-runs.jsonl` beside `warehouse.duckdb`):
// one JSON record per `pulse refresh` run, failed and up-to-date ones included (a `pulse build` is logged
// only when a signal stopped it). The site reads it for one thing: whether the latest run after the
// published one failed, so a page built after a refused delivery says its numbers are from the run before
// (the footer alone kept the last good run, with no hint).
import { existsSync, readFileSync } from 'node:fs';

const MESSAGE_CHARS = 300;

/**
 * The latest run after the published run (`run`: run_results.json normalised), when it failed or was
 * interrupted: `{ started_at, status, command, message }`; null when it succeeded, found nothing to do, or
 * there is no later run. Only a log that holds the published run (a refresh logs the id its artifacts
 * carry) is read: the log beside the marts may be another warehouse's (a `--marts` folder named freely),
 * and a false "failed" banner on every page is worse than none after a `pulse build`.
 */
export function failureSincePublished(records, run) {
  if (!run) return null;
  const at = records.findLastIndex((record) => record.run_id === run.run_id);
  if (at < 0) return null;
  const latest = records.slice(at + 1).at(-1);
  if (!latest || (latest.status !== 'failed' && latest.status !== 'interrupted')) return null;
  const message = String(latest.message ?? '').split('\n')[0] ?? '';
  return {
    started_at: latest.started_at,
    status: latest.status,
    command: latest.command ?? null,
    message: message.length > MESSAGE_CHARS ? `${message.slice(0, MESSAGE_CHARS - 1)}…` : message,
  };
}

/** The run log's records, oldest first; lines that are not a record are passed over. */
export function readRunLog(file) {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line) => {
      try {
        const record = JSON.parse(line);
        return record && typeof record === 'object' && typeof record.started_at === 'string' ? [record] : [];
      } catch {
        return [];
      }
    });
}
