import { existsSync } from 'node:fs';
import { loadConfig } from '../config/load-config.js';
import type { PulsePaths } from '../config/resolve-paths.js';
import type { SourceDefinition } from '../ingest/source-definition.js';
import { withMapping } from '../ingest/source-mapping.js';
import { sourcePathOf } from '../ingest/source-path.js';
import type { ProjectDefinition } from '../project/define-project.js';
import { MissingWarehouseError } from '../runner/build-errors.js';
import { assertPulseWarehouse } from '../state/pulse-warehouse-guard.js';
import { Warehouse } from '../warehouse/warehouse.js';
import { columnFeedsOf } from './column-feeds.js';
import { fileColumnTypes } from './file-column-types.js';
import { byFile, presetFileRows } from './preset-file-rows.js';
import { presetNameOf, type SourceOrigin, sourceOrigins } from './source-origin.js';
import {
  type FileRows,
  type SourceExplanation,
  type SourcesExplanation,
  sourcesExplanationSchema,
} from './sources-explanation-schema.js';
import { WarehouseFileRows } from './warehouse-file-rows.js';

/**
 * `pulse sources` (and `pulse build --explain-mapping`): per source of the published warehouse, in
 * ingestion order, where its rows came from, which vendor column feeds each canonical column, and rows
 * read, loaded and quarantined per file. Read-only; the mapping shown is the current config's.
 * Throws MissingWarehouseError when nothing was published yet.
 */
export async function explainPublishedSources(options: {
  project: ProjectDefinition;
  paths: PulsePaths;
}): Promise<SourcesExplanation> {
  const { project, paths } = options;
  const { config, file } = await loadConfig(project.config, paths.configFile);
  if (!existsSync(paths.warehouse)) {
    throw new MissingWarehouseError(
      `No warehouse at ${paths.warehouse}: run \`pulse build\` first (or pass --warehouse FILE).`,
    );
  }
  const warehouse = await Warehouse.open(paths.warehouse, { readOnly: true });
  try {
    await assertPulseWarehouse(warehouse, paths.warehouse);
    const rows = await WarehouseFileRows.of(warehouse);
    const sources = await explainSources(rows, project, config, (source, files) =>
      fileColumnTypes(warehouse, paths.dataDir, source, files),
    );
    return sourcesExplanationSchema.parse({
      warehouse: paths.warehouse,
      config_file: file ?? null,
      sources,
    });
  } finally {
    await warehouse.close();
  }
}

async function explainSources(
  rows: WarehouseFileRows,
  project: ProjectDefinition,
  config: unknown,
  typesOf: (source: SourceDefinition, files: readonly string[]) => Promise<Map<string, string[]>>,
): Promise<SourceExplanation[]> {
  const origins = sourceOrigins(project.sources, project.presets ?? [], config);
  const ingested = await rows.ingestedFiles();
  const explained: SourceExplanation[] = [];
  for (const source of project.sources) {
    const origin = origins.get(source.name)!;
    const loaded = await rows.rowsPerFile('raw', source.name, '_file');
    const quarantined = await rows.rowsPerFile('quarantine', source.name, 'file');
    const leftOut = origin.kind === 'preset' ? [] : await rows.rowsLeftOut(source.name);
    const { files, lookups } =
      origin.kind === 'preset'
        ? await presetFileRows(rows, origin.preset, source.name, loaded, quarantined)
        : {
            files: folderFileRows(filesOf(source, origin, ingested), loaded, quarantined, leftOut),
            lookups: [],
          };
    const present = files.length + lookups.length > 0;
    const kind = origin.kind === 'canonical' && !present ? 'not_present' : origin.kind;
    const sum = (key: 'read' | 'loaded' | 'quarantined' | 'ignored') =>
      files.reduce((total, file) => total + file[key], 0);
    explained.push({
      name: source.name,
      required: source.required,
      origin: kind,
      preset: presetNameOf(origin) ?? null,
      origin_label: originLabel(source.name, origin, present),
      path: pathOf(source.name, origin, files, config),
      columns: columnFeedsOf(source, origin, await fileTypesOf(source, origin, files, typesOf)),
      files,
      lookups,
      left_out: leftOut,
      total: {
        files: files.length,
        read: sum('read'),
        loaded: sum('loaded'),
        quarantined: sum('quarantined'),
        ignored: sum('ignored'),
      },
    });
  }
  return explained;
}

/**
 * Per column, its type in each file of a mapped source with a time zone (file-column-types.ts): only
 * there does a file's type change what is shown, and only there are the files' footers read.
 */
async function fileTypesOf(
  source: SourceDefinition,
  origin: SourceOrigin,
  files: readonly FileRows[],
  typesOf: (source: SourceDefinition, files: readonly string[]) => Promise<Map<string, string[]>>,
): Promise<Map<string, string[]>> {
  if (origin.kind !== 'mapping' || origin.mapping.time_zone === undefined) return new Map();
  if (!source.columns.some((column) => column.type === 'timestamp')) return new Map();
  return typesOf(
    withMapping(source, origin.mapping),
    files.map((file) => file.file),
  );
}

/**
 * The files of a canonical or mapped source: those its rows name, and those the build recorded at its
 * place (`pulse.ingested_files`), so a file that gave no row (a header only) is listed with zeros.
 */
function filesOf(
  source: SourceDefinition,
  origin: SourceOrigin,
  ingested: readonly { path: string; source: string }[],
): string[] {
  const path = origin.kind === 'mapping' ? origin.mapping.path : undefined;
  const claims = path === undefined ? undefined : sourcePathOf(path).claims;
  return ingested
    .filter((file) => (claims ? claims(file.path) : file.source === source.name))
    .map((file) => file.path);
}

/**
 * Canonical and mapped files: every row read was loaded, quarantined or left out by a `leave_out` rule
 * of the mapping (ignored), so read is their sum.
 */
function folderFileRows(
  recorded: readonly string[],
  loaded: ReadonlyMap<string, number>,
  quarantined: ReadonlyMap<string, number>,
  leftOut: readonly { file: string; rows: number }[],
): FileRows[] {
  const ignored = new Map<string, number>();
  for (const { file, rows } of leftOut) ignored.set(file, (ignored.get(file) ?? 0) + rows);
  const files = new Set([...recorded, ...loaded.keys(), ...quarantined.keys(), ...ignored.keys()]);
  return [...files]
    .map((file): FileRows => {
      const load = loaded.get(file) ?? 0;
      const quarantine = quarantined.get(file) ?? 0;
      const left = ignored.get(file) ?? 0;
      return {
        file,
        table: null,
        read: load + quarantine + left,
        loaded: load,
        quarantined: quarantine,
        ignored: left,
      };
    })
    .sort(byFile);
}

function originLabel(name: string, origin: SourceOrigin, present: boolean): string {
  const preset = presetNameOf(origin);
  if (preset !== undefined) return `preset ${preset}`;
  if (origin.kind === 'mapping' && origin.mapping.table !== undefined) {
    // Judged on the PostgreSQL server: its rows and quarantine are there, not in this warehouse.
    return `PostgreSQL table ${origin.mapping.table.trim()} (sources.${name}.table in pulse.config.json; rows and quarantine on the server)`;
  }
  if (origin.kind === 'mapping') return `mapping (sources.${name} in pulse.config.json)`;
  return present ? 'canonical files' : 'not present';
}

/** The configured path or glob, else the default place the files were found at. */
function pathOf(
  name: string,
  origin: SourceOrigin,
  files: readonly FileRows[],
  config: unknown,
): string | null {
  if (origin.kind === 'preset') return presetPathOf(origin.preset.name, config);
  if (origin.kind === 'mapping' && origin.mapping.path !== undefined) return origin.mapping.path.trim();
  if (origin.kind === 'mapping' && origin.mapping.table !== undefined) return origin.mapping.table.trim();
  if (files.some((file) => file.file.startsWith(`${name}/`))) return `${name}/`;
  return files[0]?.file ?? null;
}

/** `presets.<name>.path` of the config; a preset's folder defaults to its own name. */
function presetPathOf(preset: string, config: unknown): string {
  const presets = (config as { presets?: Record<string, { path?: unknown } | undefined> } | null)?.presets;
  const path = presets?.[preset]?.path;
  return typeof path === 'string' ? path.trim() : `${preset}/`;
}
