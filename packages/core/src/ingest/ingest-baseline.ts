import type { SourceDefinition } from './source-definition.js';
import type { SourceFile } from './source-files.js';

/**
 * What the warehouse being refreshed already holds: the files its `raw` and `quarantine` tables were
 * ingested from, and which of them are unchanged now (same content). Given to ingestion so a refresh
 * reads only new and changed files.
 */
export interface IngestBaseline {
  /** Every file ingested before, relative to the data folder, with the source it belonged to. */
  readonly files: readonly { readonly path: string; readonly source: string }[];
  /** Files present now with the content they had then. */
  readonly unchanged: ReadonlySet<string>;
  /**
   * Sources whose files are read whole again though unchanged: they were read another way (a new Pulse,
   * an edited mapping file), so their rows may differ.
   */
  readonly readAgain?: ReadonlySet<string>;
}

/**
 * - `reused`: the source's files and every source it checks against are unchanged; its tables are kept.
 * - `appended`: rows of unchanged files are kept; new and changed files are read and appended (rows of
 *   changed and removed files are dropped first).
 * - `full`: every file of the source is read again.
 */
export type SourceIngestMode = 'reused' | 'appended' | 'full';

/**
 * How much of a source a refresh must read. Appending is only exact for a source whose rows are judged
 * alone: a unique key or a `valid_rows` check compares a row with the earlier rows of every file, so such
 * a source is read whole when any of its files changed. Row judgements also read other sources
 * (orphan_account reads the accounts): a source reading a source that was not reused is read whole,
 * unless that source is only referenced and `referencesStillHold` (kept-rows-still-referenced.ts: the
 * references judge every kept row as before).
 */
export function sourceIngestMode(
  source: SourceDefinition,
  files: readonly SourceFile[],
  baseline: IngestBaseline | undefined,
  modes: ReadonlyMap<string, SourceIngestMode>,
  tablesExist: boolean,
  /** The files of a configured `sources.<source>.path`: the baseline records them under their folder's name. */
  claims?: (relativePath: string) => boolean,
  referencesStillHold = false,
): SourceIngestMode {
  if (!baseline || !tablesExist || baseline.readAgain?.has(source.name)) return 'full';
  const reused = (need: string) => modes.get(need) === 'reused';
  if (!(source.checks ?? []).flatMap((check) => check.reads ?? []).every(reused)) return 'full';
  const referenced = (source.references ?? []).map((reference) => reference.source);
  if (!referenced.every(reused) && !referencesStillHold) return 'full';
  const before = filesIngestedBefore(source, baseline, claims);
  const now = files.map((file) => file.relativePath);
  if ([...before, ...now].every((path) => baseline.unchanged.has(path))) return 'reused';
  const judgedAlone =
    (source.uniqueKeys ?? []).length === 0 &&
    (source.checks ?? []).every((check) => (check.scope ?? 'row') === 'row');
  return judgedAlone ? 'appended' : 'full';
}

/** The files the source's tables were ingested from, as the baseline records them. */
export function filesIngestedBefore(
  source: SourceDefinition,
  baseline: IngestBaseline,
  claims?: (relativePath: string) => boolean,
): string[] {
  return baseline.files
    .filter((file) => (claims ? claims(file.path) : file.source === source.name))
    .map((file) => file.path);
}

/**
 * The files whose rows an appending refresh must drop: ingested before and not kept (changed since, or
 * gone). None for a refresh that only adds files, which then skips the delete: at L it scanned the
 * `_file` of 49M events to find nothing (0.4 s of a one-day refresh).
 */
export function filesToDrop(
  source: SourceDefinition,
  baseline: IngestBaseline,
  kept: ReadonlySet<string>,
  claims?: (relativePath: string) => boolean,
): string[] {
  return filesIngestedBefore(source, baseline, claims).filter((path) => !kept.has(path));
}
