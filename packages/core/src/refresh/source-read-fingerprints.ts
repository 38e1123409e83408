import { createHash } from 'node:crypto';
import type { PresetDefinition } from '../ingest/preset-definition.js';
import { presetsInUse } from '../ingest/preset-definition.js';
import { withPresetLabels } from '../ingest/preset-labels.js';
import { tablesOf } from '../ingest/preset-source.js';
import { labelsOf, type SourceDefinition } from '../ingest/source-definition.js';
import { sourceMappingsOf, withMapping } from '../ingest/source-mapping.js';
import { rawTable } from '../ingest/source-tables.js';
import { type ReadingEngine, readingEngine } from './reading-engine.js';

/**
 * Per source, a sha256 of how ingestion reads its files: the source as read (its contract columns, checks
 * and keys, with the mapping applied: vendor headers, value maps, formats, `leave_out` rules, whether the
 * user wrote them or a shipped mapping preset expanded into them), its path, and for a source a preset
 * derives, the derivation's SQL and the vendor tables it reads. The files' sha256s say whether the data
 * changed; this says whether reading the same files would give other rows (a new Pulse or DuckDB, an
 * edited mapping file). SQL is rendered rather than the functions' text hashed, so a rebuild of the same
 * Pulse version that reads the same way keeps the same fingerprints; the versions of Pulse and DuckDB
 * (`engine`) are in each fingerprint, because a release can change what the same SQL gives.
 */
export function sourceReadFingerprints(
  sources: readonly SourceDefinition[],
  presets: readonly PresetDefinition[] | undefined,
  config: unknown,
  engine: ReadingEngine = readingEngine(),
): Record<string, string> {
  const mappings = sourceMappingsOf(config);
  const used = presetsInUse(presets, config);
  const out: Record<string, string> = {};
  for (const source of sources) {
    const preset = used.find((candidate) => candidate.feeds(config).includes(source.name));
    const definition = preset
      ? presetReading(withPresetLabels(source, preset), preset, config)
      : fileReading(withMapping(source, mappings[source.name]), mappings[source.name], config);
    out[source.name] = createHash('sha256').update(canonicalJson({ engine, definition })).digest('hex');
  }
  return out;
}

/** The sources whose reading differs from the one recorded (all of them when none was recorded). */
export function sourcesReadOtherwise(
  recorded: Readonly<Record<string, string>> | undefined,
  now: Readonly<Record<string, string>>,
): string[] {
  return Object.keys(now).filter((source) => recorded?.[source] !== now[source]);
}

function fileReading(
  source: SourceDefinition,
  mapping: { path?: string; table?: string; key?: readonly string[] } | undefined,
  config: unknown,
): unknown {
  return {
    source: withRenderedChecks(source, config),
    path: mapping?.path ?? null,
    table: mapping?.table ?? null,
    key: mapping?.key ?? null,
  };
}

function presetReading(source: SourceDefinition, preset: PresetDefinition, config: unknown): unknown {
  const derivation = preset.derivations[source.name];
  const reads = derivation ? tablesOf(derivation) : [];
  const context = { config, table: (name: string) => `<${preset.name}.${name}>` };
  return {
    source: withRenderedChecks(source, config),
    preset: preset.name,
    path: preset.path(config),
    tables: preset.tables.filter((table) => reads.includes(table.name)),
    requires: derivation?.requires ?? null,
    optional: derivation?.optional ?? null,
    select: derivation ? rendered(() => derivation.select(context), derivation.select) : null,
    ignored: derivation?.ignored ? rendered(() => derivation.ignored!(context), derivation.ignored) : null,
  };
}

/** The source with each check's SQL as it is run under this config, in place of its functions. */
function withRenderedChecks(source: SourceDefinition, config: unknown): unknown {
  const context = { config, rawTable, column: (name: string) => `<row>.${name}`, label: labelsOf(source) };
  return {
    ...source,
    checks: (source.checks ?? []).map((check) => ({
      ...check,
      failsWhen: rendered(() => check.failsWhen(context), check.failsWhen),
      reason: rendered(() => check.reason(context), check.reason),
    })),
  };
}

/** The SQL a function gives, or its text when it cannot be called outside a build. */
function rendered(sql: () => string, fn: (...args: never[]) => unknown): string {
  try {
    return sql();
  } catch {
    return String(fn);
  }
}

/** JSON with object keys sorted, functions as their text: equal definitions give equal text. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(canonical(value));
}

function canonical(value: unknown): unknown {
  if (typeof value === 'function') return `function ${String(value)}`;
  if (value instanceof RegExp) return String(value);
  if (Array.isArray(value)) return value.map(canonical);
  if (value instanceof Set) return [...value].map(canonical);
  if (value instanceof Map) return [...value.entries()].map(canonical);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  return value;
}
