import { type ColumnFormat, formatProblem } from '@pulse/core';
import { sources } from '../sources/index.js';
import { type MappingFile, mappingFile } from './mapping-file.js';
import type {
  HubspotPresetOptions,
  SegmentPresetOptions,
  ZendeskPresetOptions,
} from './mapping-presets-config.js';
import { PRESET_DEFAULTS } from './preset-defaults.js';
import type { PresetsConfig } from './presets-config.js';

/** A `sources.<source>` entry a preset expanded into, marked with the preset it came from. */
export interface PresetSourceMapping {
  readonly path: string;
  readonly columns: Readonly<Record<string, string>>;
  readonly values?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly formats?: Readonly<Record<string, ColumnFormat>>;
  /** The shipped mapping file's `leave_out`: vendor rows that are no rows of the source, left out and counted. */
  readonly leave_out?: MappingFile['leave_out'];
  /** The shipped mapping file's `empty_unless`: columns whose value holds only on some rows. */
  readonly empty_unless?: MappingFile['empty_unless'];
  /** The preset's `time_zone` option: the zone of the export's wall-clock times. */
  readonly time_zone?: string;
  /** `segment`, `zendesk` or `hubspot`: what `pulse sources` shows as "events ← preset segment". */
  readonly preset: string;
  /** Canonical column → the option that named its vendor column, so messages name `presets.hubspot.segment`. */
  readonly presetOptions?: Readonly<Record<string, string>>;
}

interface Expansion {
  readonly preset: 'segment' | 'zendesk' | 'hubspot';
  readonly source: string;
  readonly mapping: PresetSourceMapping;
  /** Canonical column → the preset option that named its vendor column (absent: the shipped file did). */
  readonly optionOf: ReadonlyMap<string, string>;
}

type ConfigIssue = { code: 'custom'; path: (string | number)[]; message: string };

/** The `sources` entries that `presets.segment|zendesk|hubspot` stand for, by canonical source. */
export function mappingPresetSources(
  presets: PresetsConfig | undefined,
): Record<string, PresetSourceMapping> {
  return Object.fromEntries(expansions(presets).map(({ source, mapping }) => [source, mapping]));
}

/**
 * Config issues of the mapping presets, each at the option's key path (`presets.hubspot.region`): one
 * export column named for two canonical columns, a date_format that is no format, and a path already
 * read by a `sources` entry or another preset.
 */
export function mappingPresetIssues(
  presets: PresetsConfig | undefined,
  mappedSources: Readonly<Record<string, { path?: string | undefined }>> | undefined,
): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const pathOwners = new Map<string, string>(
    Object.entries(mappedSources ?? {}).flatMap(([name, mapping]) =>
      mapping.path === undefined ? [] : [[normalizedPath(mapping.path), `sources.${name}`] as const],
    ),
  );
  for (const { preset, source, mapping, optionOf } of expansions(presets)) {
    const fedBy = new Map<string, string>();
    for (const [column, header] of Object.entries(mapping.columns)) {
      const key = header.trim().toLowerCase();
      const other = fedBy.get(key);
      if (other !== undefined) {
        const option = optionOf.get(column) ?? optionOf.get(other) ?? column;
        issues.push({
          code: 'custom',
          path: ['presets', preset, option],
          message: `"${header}" would be read as both ${source}.${other} and ${source}.${column}: one export column feeds one column`,
        });
      }
      fedBy.set(key, column);
    }
    const definition = sources.find((candidate) => candidate.name === source);
    for (const [column, format] of Object.entries(mapping.formats ?? {})) {
      const problem = formatProblem(definition!.columns.find((c) => c.name === column)!, format);
      if (problem)
        issues.push({ code: 'custom', path: ['presets', preset, 'date_format'], message: problem });
      break; // one date_format feeds every time column: one issue is enough
    }
    const path = normalizedPath(mapping.path);
    const owner = pathOwners.get(path);
    if (owner !== undefined) {
      issues.push({
        code: 'custom',
        path: ['presets', preset, 'path'],
        message: `"${mapping.path}" is already read by ${owner}: each export feeds one source`,
      });
    }
    pathOwners.set(path, `presets.${preset}`);
  }
  return issues;
}

function expansions(presets: PresetsConfig | undefined): Expansion[] {
  const found: Expansion[] = [];
  if (presets?.segment) found.push(segmentExpansion(presets.segment));
  if (presets?.zendesk) found.push(zendeskExpansion(presets.zendesk));
  if (presets?.hubspot) found.push(hubspotExpansion(presets.hubspot));
  return found;
}

function segmentExpansion(options: SegmentPresetOptions): Expansion {
  const file = mappingFile('segment', options.layout ?? PRESET_DEFAULTS.segment.layout);
  const columns = { ...file.columns };
  const optionOf = new Map<string, string>();
  if (options.account_id !== undefined) {
    columns.account_id = options.account_id;
    optionOf.set('account_id', 'account_id');
  }
  return expansion(
    'segment',
    file,
    options.path ?? PRESET_DEFAULTS.segment.path,
    columns,
    optionOf,
    file.values,
    options,
  );
}

function zendeskExpansion(options: ZendeskPresetOptions): Expansion {
  const file = mappingFile('zendesk', options.layout ?? PRESET_DEFAULTS.zendesk.layout);
  const columns = { ...file.columns };
  const optionOf = new Map<string, string>();
  if (options.account_id !== undefined) {
    columns.account_id = options.account_id;
    optionOf.set('account_id', 'account_id');
  }
  return expansion(
    'zendesk',
    file,
    options.path ?? PRESET_DEFAULTS.zendesk.path,
    columns,
    optionOf,
    file.values,
    options,
  );
}

/** The account properties a HubSpot portal keeps under names of its own choosing. */
const HUBSPOT_PROPERTIES = ['segment', 'region', 'acquisition_channel'] as const;

function hubspotExpansion(options: HubspotPresetOptions): Expansion {
  const file = mappingFile('hubspot', PRESET_DEFAULTS.hubspot.layout);
  const columns: Record<string, string> = { ...file.columns };
  const optionOf = new Map<string, string>();
  if (options.account_id !== undefined) {
    columns.account_id = options.account_id;
    optionOf.set('account_id', 'account_id');
  }
  for (const property of HUBSPOT_PROPERTIES) {
    const header = options[property];
    if (header === null) delete columns[property];
    if (typeof header !== 'string') continue;
    columns[property] = header;
    optionOf.set(property, property);
  }
  const values = { ...file.values, ...options.values };
  return expansion(
    'hubspot',
    file,
    options.path ?? PRESET_DEFAULTS.hubspot.path,
    columns,
    optionOf,
    values,
    options,
  );
}

function expansion(
  preset: Expansion['preset'],
  file: MappingFile,
  path: string,
  columns: Record<string, string>,
  optionOf: Map<string, string>,
  values: Readonly<Record<string, Readonly<Record<string, string>>>>,
  times: { readonly date_format?: string; readonly time_zone?: string },
): Expansion {
  const dateFormat = times.date_format;
  const formats: Record<string, ColumnFormat> = { ...file.formats };
  if (dateFormat !== undefined) {
    // The user's date_format replaces the layout's own spellings (segment's warehouse reads several).
    const definition = sources.find((source) => source.name === file.source)!;
    for (const column of definition.columns) {
      if (column.type !== 'timestamp' || !(column.name in columns)) continue;
      if (dateFormat === 'iso') delete formats[column.name];
      else formats[column.name] = dateFormat;
    }
  }
  const mapping: PresetSourceMapping = {
    path,
    columns,
    ...(Object.keys(values).length > 0 ? { values } : {}),
    ...(Object.keys(formats).length > 0 ? { formats } : {}),
    ...(file.leave_out === undefined ? {} : { leave_out: file.leave_out }),
    ...(file.empty_unless === undefined ? {} : { empty_unless: file.empty_unless }),
    ...(times.time_zone === undefined ? {} : { time_zone: times.time_zone }),
    preset,
    ...(optionOf.size > 0 ? { presetOptions: Object.fromEntries(optionOf) } : {}),
  };
  return { preset, source: file.source, mapping, optionOf };
}

function normalizedPath(path: string): string {
  return path
    .trim()
    .replace(/^(\.\/)+/, '')
    .replace(/\/+$/, '');
}
