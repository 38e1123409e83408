import type { PresetDefinition } from '../ingest/preset-definition.js';
import type { SourceDefinition } from '../ingest/source-definition.js';
import { type SourceMapping, sourceMappingsOf } from '../ingest/source-mapping.js';

/**
 * Where the config says a source's rows come from, before any file is looked at: its canonical place,
 * a `sources.<source>` mapping of pulse.config.json (written by hand, or by a mapping preset such as
 * HubSpot, which sets `preset`), or a preset registered on the project (Stripe).
 */
export type SourceOrigin =
  | { readonly kind: 'canonical' }
  | { readonly kind: 'mapping'; readonly mapping: SourceMapping }
  | { readonly kind: 'preset'; readonly preset: PresetDefinition };

/** Each source's origin under this (validated) config; a project preset wins over a mapping, as in ingestion. */
export function sourceOrigins(
  sources: readonly SourceDefinition[],
  presets: readonly PresetDefinition[],
  config: unknown,
): Map<string, SourceOrigin> {
  const mappings = sourceMappingsOf(config);
  const fedBy = new Map<string, PresetDefinition>();
  for (const preset of presets) for (const source of preset.feeds(config)) fedBy.set(source, preset);
  return new Map(
    sources.map((source): [string, SourceOrigin] => {
      const preset = fedBy.get(source.name);
      if (preset) return [source.name, { kind: 'preset', preset }];
      const mapping = mappings[source.name];
      return [source.name, mapping ? { kind: 'mapping', mapping } : { kind: 'canonical' }];
    }),
  );
}

/** The preset's name when one feeds the source (a project preset, or a mapping a preset wrote). */
export function presetNameOf(origin: SourceOrigin): string | undefined {
  if (origin.kind === 'preset') return origin.preset.name;
  return origin.kind === 'mapping' ? origin.mapping.preset : undefined;
}
