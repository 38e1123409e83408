import { join, resolve } from 'node:path';
import { PulseError } from '../errors.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import {
  type DirectLoad,
  directBatchSize,
  loadCsvFilesDirectly,
  type NumberingAhead,
  numberAhead,
} from './csv-direct-load.js';
import { type DataFolder, listDataFolder } from './data-folder.js';
import {
  filesToDrop,
  type IngestBaseline,
  type SourceIngestMode,
  sourceIngestMode,
} from './ingest-baseline.js';
import { IngestFileError, MissingSourceError } from './ingest-errors.js';
import type { IngestReport, SourceIngestReport } from './ingest-report.js';
import { judgeStaging } from './judge-staging.js';
import { keptRowsStillReferenced, PriorKeys } from './kept-rows-still-referenced.js';
import { leftOutByRules } from './left-out-rows.js';
import { checkNoCanonicalCopy } from './preset-canonical-copy.js';
import { type PresetDefinition, presetsInUse } from './preset-definition.js';
import { findPresetFiles } from './preset-files.js';
import { withPresetLabels } from './preset-labels.js';
import { ingestPresetSource, type PresetInUse, type PresetSourceContext, tablesOf } from './preset-source.js';
import { countRowsLeftOut, forgetRowsLeftOut, missingColumnWarnings, rowsLeftOut } from './rows-left-out.js';
import { ruleColumns } from './rule-columns.js';
import { type CheckContext, type SourceDefinition, SourceDefinitionError } from './source-definition.js';
import { dataFolderWarnings, expectedPathsOf, findSourceFiles, type SourceFile } from './source-files.js';
import { pathKeyOf, type SourceMapping, sourceMappingsOf, withMapping } from './source-mapping.js';
import { type SourcePath, sourcePathOf } from './source-path.js';
import { reportOf } from './source-report.js';
import {
  createSourceTables,
  keepOnlyRowsOf,
  keptRows,
  QUARANTINE_SCHEMA,
  RAW_SCHEMA,
  rawTable,
  sourceTablesExist,
} from './source-tables.js';
import { stageFile } from './stage-file.js';
import { type FileReadContext, fileErrorOf, type StagedFile } from './staged-file.js';
import { checkNoTableSourceOnDuckdb } from './table-source.js';
import { judgedRowByRow } from './validation-query.js';
import { syncVendorTables } from './vendor-tables.js';

export interface IngestOptions {
  readonly warehouse: Warehouse;
  /** The data folder holding `<source>.<ext>` files or `<source>/` folders. */
  readonly dataDir: string;
  /** In ingestion order: a source must come after every source it references or reads. */
  readonly sources: readonly SourceDefinition[];
  /** The project config, handed to the sources' checks (e.g. the reporting currency). */
  readonly config: unknown;
  readonly onProgress?: (message: string) => void;
  readonly onWarning?: (message: string) => void;
  /**
   * The files the warehouse's `raw` and `quarantine` tables already hold (a refresh working on a copy of
   * the published warehouse): only new and changed files are read. Omitted, every file is read.
   */
  readonly baseline?: IngestBaseline;
  /** `dataDir` (resolved) as already listed by the caller (refresh/build-project.ts), else listed here. */
  readonly folder?: DataFolder;
  /** The project's presets: those the config uses derive their sources from vendor tables (preset-definition.ts). */
  readonly presets?: readonly PresetDefinition[];
  /**
   * The warehouse is a staged copy, discarded if ingestion throws: then a whole ingestion (no `baseline`)
   * opens no transaction. It would guard nothing, and DuckDB reads a table created inside a transaction on
   * one thread: L's six table sources took 8.3–9.2 s in one and 5.3–7.1 s without (three builds each,
   * alternated).
   */
  readonly staged?: boolean;
}

/** A name for the temporary tables of one ingestion; unique per process so runs never collide. */
let tempCounter = 0;

/**
 * Reads every source of the data folder into `raw.<source>` (valid rows, typed) and
 * `quarantine.<source>` (every other row, with the reason), all inside DuckDB: rows never pass through
 * the Node heap. Runs in one transaction (so the caller must not have one open on this warehouse), so a
 * file error leaves the warehouse as it was; not a whole ingestion into a `staged` warehouse, which the
 * caller discards.
 * Throws MissingSourceError for an absent required source and IngestFileError for an unreadable file.
 */
export async function ingestSources(options: IngestOptions): Promise<IngestReport> {
  // A PostgreSQL build hands ingestion its file sources only (table sources are judged on the server).
  checkNoTableSourceOnDuckdb(options.config, options.sources);
  checkIngestionOrder(options.sources);
  const dataDir = resolve(options.dataDir);
  // A refresh (a baseline) keeps the transaction: it writes into a copy of a big warehouse, where a
  // statement committing alone may checkpoint the file (at L, replacing raw.subscriptions took 0.8 s on
  // its own and the one-day refresh's ingestion 4.7–5.0 s, against 3.8–4.4 s in one commit).
  if (options.staged && !options.baseline) return ingestAll(options, dataDir);
  return options.warehouse.transaction((warehouse) => ingestAll({ ...options, warehouse }, dataDir));
}

/** ingestSources itself, inside its transaction (then `options.warehouse` is the transaction's) or not. */
async function ingestAll(options: IngestOptions, dataDir: string): Promise<IngestReport> {
  const { warehouse } = options;
  await warehouse.exec(
    `create schema if not exists ${RAW_SCHEMA}; create schema if not exists ${QUARANTINE_SCHEMA}`,
  );
  // Listed once: every source and the warnings below see the same files.
  const folder = options.folder ?? (await listDataFolder(dataDir));
  const names = options.sources.map((source) => source.name);
  // pulse.config.json `sources`: a vendor's paths and column names (source-mapping.ts).
  const mappings = sourceMappingsOf(options.config);
  const paths = new Map(
    Object.entries(mappings).flatMap(([name, mapping]) =>
      mapping.path === undefined ? [] : [[name, sourcePathOf(mapping.path)] as const],
    ),
  );
  const presets = await readPresets(options, folder);
  for (const warning of dataFolderWarnings(folder, names, [
    ...paths.values(),
    ...presets.map((used) => used.files.path),
  ]))
    options.onWarning?.(`data folder: ${warning}`);
  const sources: SourceIngestReport[] = [];
  const modes = new Map<string, SourceIngestMode>();
  // Which source reads each file: a configured path (a glob above all) may reach another source's file.
  const readBy = new Map<string, Reader>();
  for (const used of presets)
    for (const files of used.files.tables.values())
      for (const file of files) {
        const preset = `presets.${used.preset.name}`;
        readBy.set(file.relativePath, { name: preset, pathKey: `${preset}.path` });
      }
  const presetContext: PresetSourceContext = { ...options, dataDir, folder, modes, tempName: nextTempName };
  const ahead = await numberingAheadOf(options, dataDir, folder, mappings, paths, presets);
  const prior = new PriorKeys(options.warehouse, options.sources, nextTempName);
  try {
    for (const source of options.sources) {
      if (options.baseline) await prior.remember(source);
      const used = presets.find((candidate) => candidate.fed.has(source.name));
      if (used) {
        await checkNoCanonicalCopy(presetContext, source.name, {
          preset: used.preset.name,
          otherwise: `leave "${source.name}" out of presets.${used.preset.name}.provides`,
        });
        const read = withPresetLabels(source, used.preset);
        const report = await ingestPresetSource(presetContext, read, used);
        modes.set(source.name, report.mode);
        sources.push(report);
        continue;
      }
      const read = withMapping(source, mappings[source.name]);
      const report = await ingestSource(
        options,
        dataDir,
        folder,
        read,
        modes,
        paths.get(source.name),
        mappings[source.name],
        readBy,
        prior,
        ahead?.source === source.name ? ahead.numbering : undefined,
      );
      modes.set(source.name, report.mode);
      sources.push(report);
    }
  } finally {
    await prior.drop();
    await ahead?.numbering.finish();
  }
  return { dataDir, sources };
}

/**
 * The first big files of the first source read directly (csv-direct-load.ts), numbered on the lanes
 * while the sources before it are ingested (numberAhead). Only for a whole ingestion in one transaction:
 * a refresh reads the new and changed files, which are seldom big. A source whose files cannot be found here is simply
 * not numbered ahead: its turn reports why.
 */
async function numberingAheadOf(
  options: IngestOptions,
  dataDir: string,
  folder: DataFolder,
  mappings: ReturnType<typeof sourceMappingsOf>,
  paths: ReadonlyMap<string, SourcePath>,
  presets: readonly PresetInUse[],
): Promise<{ source: string; numbering: NumberingAhead } | undefined> {
  // Nor for a staged one: with no transaction, its lanes judge and insert the big files themselves,
  // which cannot start before the accounts they check are in. Numbering ahead then only took CPU from the
  // sources before (L builds alternated, two each: ingestion 49.8–53.5 s with it, 46.4–46.7 s without).
  if (options.baseline !== undefined || options.staged) return undefined;
  for (const source of options.sources) {
    if (presets.some((used) => used.fed.has(source.name))) continue;
    const read = withMapping(source, mappings[source.name]);
    if (!readDirectly(read)) continue;
    const found = await findSourceFiles(dataDir, source.name, folder, paths.get(source.name)).catch(
      () => undefined,
    );
    const contexts = (found?.files ?? []).map((file, fileIndex) => ({
      warehouse: options.warehouse,
      source: read,
      file,
      fileIndex,
      tempName: nextTempName,
    }));
    const numbering = numberAhead(contexts);
    if (numbering) return { source: source.name, numbering };
  }
  return undefined;
}

/**
 * The presets the config uses, their vendor files found and the tables their fed sources read brought up
 * to date in `<preset>.<table>` (vendor-tables.ts).
 */
async function readPresets(options: IngestOptions, folder: DataFolder): Promise<PresetInUse[]> {
  const used: PresetInUse[] = [];
  for (const preset of presetsInUse(options.presets, options.config)) {
    const fed = new Set(preset.feeds(options.config));
    const files = findPresetFiles(folder, preset, options.config);
    const reads = new Set(
      [...fed].flatMap((source) => (preset.derivations[source] ? tablesOf(preset.derivations[source]) : [])),
    );
    const warnings = await syncVendorTables({
      warehouse: options.warehouse,
      preset,
      found: files,
      tables: preset.tables.filter((table) => reads.has(table.name)),
      baseline: options.baseline,
      tempName: nextTempName,
      onProgress: options.onProgress,
    });
    for (const warning of [...files.warnings, ...warnings]) options.onWarning?.(`${preset.name}: ${warning}`);
    used.push({ preset, files, fed });
  }
  return used;
}

/** Who reads a file: a source or a preset, and the key of pulse.config.json that points it there. */
interface Reader {
  readonly name: string;
  /** Undefined for a source at its default place. */
  readonly pathKey: string | undefined;
}

/** A fresh temporary table name, unique in this process. */
function nextTempName(purpose: string): string {
  return `pulse_ingest_${++tempCounter}_${purpose}`;
}

async function ingestSource(
  options: IngestOptions,
  dataDir: string,
  folder: DataFolder,
  source: SourceDefinition,
  modes: ReadonlyMap<string, SourceIngestMode>,
  path: SourcePath | undefined,
  mapping: SourceMapping | undefined,
  readBy: Map<string, Reader>,
  prior: PriorKeys,
  ahead?: NumberingAhead,
): Promise<SourceIngestReport> {
  const { warehouse } = options;
  const pathKey = path ? pathKeyOf(source.name, mapping) : undefined;
  if (path && mapping?.preset !== undefined) {
    // A mapping preset reads its export instead of the canonical place, like any preset.
    await checkNoCanonicalCopy({ dataDir, folder }, source.name, {
      preset: mapping.preset,
      otherwise: `remove presets.${mapping.preset}`,
      path,
    });
  }
  const found = await findSourceFiles(dataDir, source.name, folder, path);
  for (const file of found.files) {
    const other = readBy.get(file.relativePath);
    if (other !== undefined) {
      // Default places never overlap: a configured path reached the other source's file.
      throw new IngestFileError(
        file.relativePath,
        `the file belongs to both "${other.name}" and "${source.name}"; narrow ${pathKey ?? other.pathKey} ` +
          'in pulse.config.json so that each export feeds one source.',
      );
    }
    readBy.set(file.relativePath, { name: source.name, pathKey });
  }
  if (!found.present && source.required) {
    const expected = path
      ? [`${join(dataDir, path.shown)} (${pathKey} in pulse.config.json)`]
      : expectedPathsOf(dataDir, source.name);
    throw new MissingSourceError(source.name, expected);
  }
  if (path && !found.present) {
    // Said, not silent: a typo in the path read an optional source as empty without a word.
    options.onWarning?.(
      `${source.name}: ${path.shown} (${pathKey} in pulse.config.json) matches no file; ` +
        `${source.name} is read as absent (its metrics are empty)`,
    );
  }
  if (path && mapping?.preset === undefined) {
    // The canonical place is no longer read: say so rather than ignore an export silently.
    const canonical = await findSourceFiles(dataDir, source.name, folder).catch(() => undefined);
    const unread = (canonical?.files ?? []).filter((file) => !path.claims(file.relativePath));
    if (unread.length > 0) {
      options.onWarning?.(
        `${source.name}: ignored ${unread.map((file) => file.relativePath).join(', ')}: ` +
          `${pathKey} in pulse.config.json reads ${path.shown} instead`,
      );
    }
  }
  const exists = options.baseline !== undefined && (await sourceTablesExist(warehouse, source));
  const referencesHold =
    exists &&
    (await keptRowsStillReferenced(
      warehouse,
      source,
      (referenced) => modes.get(referenced) !== 'reused',
      prior,
    ));
  const mode = sourceIngestMode(
    source,
    found.files,
    options.baseline,
    modes,
    exists,
    path?.claims,
    referencesHold,
  );
  const kept = new Set(mode === 'full' ? [] : found.files.map((file) => file.relativePath));
  const leftOutRows = async () =>
    source.leftOut ? leftOutByRules(await rowsLeftOut(warehouse, source.name)) : [];
  if (mode === 'reused') {
    for (const warning of found.warnings) options.onWarning?.(`${source.name}: ${warning}`);
    const rows = await keptRows(warehouse, source);
    return reportOf(
      source,
      found.present,
      found.files,
      [],
      found.warnings,
      rows,
      warehouse,
      mode,
      await leftOutRows(),
    );
  }
  // The files whose rows an appending refresh drops, found as ingestion finds them (a configured `path`
  // claims its files, which the baseline records under their folder's name): the decider's changes.
  let dropped: string[] = [];
  const withDropped = (report: SourceIngestReport): SourceIngestReport =>
    dropped.length > 0 ? { ...report, filesDropped: dropped } : report;
  if (mode === 'full') {
    await createSourceTables(warehouse, source);
    await forgetRowsLeftOut(warehouse, source.name);
  } else {
    for (const path of kept) if (!options.baseline!.unchanged.has(path)) kept.delete(path);
    dropped = filesToDrop(source, options.baseline!, kept, path?.claims);
    if (dropped.length > 0) await keepOnlyRowsOf(warehouse, source, kept);
    await forgetRowsLeftOut(warehouse, source.name, kept);
  }
  const before = mode === 'full' ? 0 : await keptRows(warehouse, source);
  const toRead = found.files.filter((file) => !kept.has(file.relativePath));
  const warnings = [...found.warnings];
  const temporary: string[] = [];
  const temporaryViews: string[] = [];
  const tempName = nextTempName;
  let current: SourceFile | undefined;
  try {
    // Indexed by file index (writeQuarantine looks files up by _file_index); directly loaded files leave a hole.
    const staged: { file: SourceFile; originals: StagedFile['originals']; unfitValues?: boolean }[] = [];
    const selects: string[] = [];
    const unknown = new Map<string, number>();
    // Per `leave_out` rule, the files without its column: one warning for them all.
    const withoutRuleColumn = new Map<number, string[]>();
    // Rows loaded by the one-read path (csv-direct-load.ts): CSV files of sources judged row by row.
    let loadedDirectly = 0;
    const direct = readDirectly(source);
    const directLoads = new Map<number, DirectLoad>();
    const contextOf = (fileIndex: number): FileReadContext => {
      const file = toRead[fileIndex]!;
      return { warehouse, source, file, fileIndex, tempName };
    };
    const progress = progressOf(source.name, toRead.length, options.onProgress);
    for (const [fileIndex, file] of toRead.entries()) {
      current = file;
      progress(fileIndex, file);
      const context = contextOf(fileIndex);
      if (direct && file.format === 'csv') {
        if (!directLoads.has(fileIndex)) {
          // This file and the CSV files right after it, read together.
          const size = directBatchSize(toRead, fileIndex);
          const batch = Array.from({ length: size }, (_, offset) => contextOf(fileIndex + offset));
          const loads = await loadCsvFilesDirectly(batch, checkContext(options.config), ahead);
          for (const [offset, load] of loads.entries()) directLoads.set(fileIndex + offset, load);
        }
        const load = directLoads.get(fileIndex)!;
        if ('error' in load) throw load.error;
        temporary.push(...load.tempTables);
        if (load.loaded) {
          loadedDirectly += load.rows;
          for (const name of load.unknownColumns) unknown.set(name, (unknown.get(name) ?? 0) + 1);
          continue;
        }
      }
      const stagedFile = await stageFile(context);
      temporary.push(...stagedFile.tempTables);
      staged[fileIndex] = { file, originals: stagedFile.originals, unfitValues: stagedFile.unfitValues };
      selects.push(stagedFile.select);
      warnings.push(...stagedFile.warnings);
      for (const name of stagedFile.unknownColumns) unknown.set(name, (unknown.get(name) ?? 0) + 1);
      for (const rule of stagedFile.rulesWithoutColumn ?? [])
        withoutRuleColumn.set(rule, [...(withoutRuleColumn.get(rule) ?? []), file.relativePath]);
    }
    current = undefined;
    warnings.push(...missingColumnWarnings(source, withoutRuleColumn));
    if (unknown.size > 0) warnings.unshift(unknownColumnsWarning(unknown, toRead.length));
    for (const warning of warnings) options.onWarning?.(`${source.name}: ${warning}`);
    if (toRead.length === 0)
      return withDropped(
        await reportOf(
          source,
          found.present,
          found.files,
          [],
          warnings,
          before,
          warehouse,
          mode,
          await leftOutRows(),
        ),
      );

    let read = loadedDirectly;
    if (selects.length > 0) {
      const staging = tempName('staging');
      if (source.leftOut) {
        // Rows a `leave_out` rule matches are counted, then judged no further: neither loaded nor quarantined.
        const allRows = tempName('staging_read');
        temporaryViews.push(allRows);
        await warehouse.exec(`create temp view ${allRows} as\n${selects.join('\nunion all\n')}`);
        await countRowsLeftOut(warehouse, source, allRows, toRead);
        await warehouse.exec(
          `create temp view ${staging} as select * exclude (_left_out) from ${allRows} where _left_out is null`,
        );
      } else {
        await warehouse.exec(`create temp view ${staging} as\n${selects.join('\nunion all\n')}`);
      }
      const judged = await judgeStaging(
        warehouse,
        source,
        staging,
        toRead,
        staged,
        checkContext(options.config),
        tempName,
      );
      temporary.push(...judged.tempTables);
      await warehouse.exec(`drop view ${staging}`);
      read += judged.rows;
    }
    const report = withDropped(
      await reportOf(
        source,
        true,
        found.files,
        toRead,
        warnings,
        before + read,
        warehouse,
        mode,
        await leftOutRows(),
      ),
    );
    options.onProgress?.(
      mode === 'appended'
        ? `${source.name}: ${read} rows read from ${toRead.length} new or changed ${toRead.length === 1 ? 'file' : 'files'}, ` +
            `${report.rowsLoaded} loaded, ${report.rowsQuarantined} quarantined in all`
        : `${source.name}: ${report.rowsRead} rows read, ${report.rowsLoaded} loaded, ${report.rowsQuarantined} quarantined`,
    );
    return report;
  } catch (error) {
    if (error instanceof PulseError) throw error;
    if (current) throw fileErrorOf(current, error, 'Check the file is a valid export in its format.');
    const files = toRead.map((file) => file.relativePath).join(', ');
    throw new IngestFileError(
      files || source.name,
      `reading source "${source.name}" failed: ${(error as Error).message.split('\n')[0]} ` +
        'Check that these files are valid exports in their format.',
    );
  } finally {
    for (const view of temporaryViews)
      await warehouse.exec(`drop view if exists ${view}`).catch(() => undefined);
    for (const table of temporary)
      await warehouse.exec(`drop table if exists ${table}`).catch(() => undefined);
  }
}

/**
 * Whether a source's CSV files take the one-read path (csv-direct-load.ts): sources judged row by row,
 * except those whose rules read other export columns (`leave_out`: rows counted and left out;
 * `empty_unless`: values emptied by another column), which the staged path reads.
 */
function readDirectly(source: SourceDefinition): boolean {
  return judgedRowByRow(source) && ruleColumns(source).length === 0;
}

/**
 * One line per file for a few files; for many, a summary every tenth of them
 * ("events: 3,000/10,000 files read"), so 10,000 files do not print 10,000 lines.
 */
function progressOf(source: string, total: number, onProgress: ((message: string) => void) | undefined) {
  const count = (n: number) => n.toLocaleString('en-US');
  let shown = -1;
  return (fileIndex: number, file: SourceFile) => {
    if (!onProgress) return;
    if (total <= PROGRESS_FILES) return onProgress(`${source}: reading ${file.relativePath}`);
    const tenth = Math.floor((fileIndex * 10) / total);
    if (tenth === shown) return;
    shown = tenth;
    onProgress(
      fileIndex === 0
        ? `${source}: reading ${count(total)} files`
        : `${source}: ${count(fileIndex)}/${count(total)} files read`,
    );
  };
}

/** Up to this many files, progress names each one. */
const PROGRESS_FILES = 20;

function checkContext(config: unknown): Omit<CheckContext, 'column' | 'label'> {
  return { config, rawTable };
}

function unknownColumnsWarning(unknown: ReadonlyMap<string, number>, files: number): string {
  const names = [...unknown.entries()].map(([name, count]) =>
    files > 1 && count < files ? `"${name}" (${count} of ${files} files)` : `"${name}"`,
  );
  return `ignored unknown column${names.length > 1 ? 's' : ''} ${names.join(', ')}`;
}

/** Fails early when a source references or reads a source that is not ingested before it. */
function checkIngestionOrder(sources: readonly SourceDefinition[]): void {
  const earlier = new Set<string>();
  for (const source of sources) {
    if (earlier.has(source.name)) throw new SourceDefinitionError(`Source "${source.name}" is listed twice.`);
    const needs = [
      ...(source.references ?? []).map((reference) => reference.source),
      ...(source.checks ?? []).flatMap((check) => check.reads ?? []),
    ];
    for (const need of needs) {
      if (!earlier.has(need)) {
        throw new SourceDefinitionError(
          `Source "${source.name}" reads source "${need}", which must be ingested before it: ` +
            `list "${need}" earlier in the sources.`,
        );
      }
    }
    earlier.add(source.name);
  }
}
