import { z } from 'zod';
import {
  hubspotPresetSchema,
  MAPPING_PRESET_SOURCES,
  segmentPresetSchema,
  zendeskPresetSchema,
} from './mapping-presets-config.js';
import { stripePresetSchema, stripeProvides } from './stripe/stripe-config.js';

/** `presets` of pulse.config.json (ADAPTERS.md section 2): named adapters shipped with Pulse. */
export const presetsSchema = z
  .object({
    stripe: stripePresetSchema.optional(),
    segment: segmentPresetSchema.optional(),
    zendesk: zendeskPresetSchema.optional(),
    hubspot: hubspotPresetSchema.optional(),
  })
  .strict()
  .optional()
  .describe('vendor layouts read by a shipped preset: { "stripe": { "path": "stripe/" } }');

export type PresetsConfig = NonNullable<z.infer<typeof presetsSchema>>;

/** Every (preset, canonical source it feeds) pair of the config, in key order. */
export function presetFeeds(presets: PresetsConfig | undefined): { preset: string; source: string }[] {
  if (!presets) return [];
  const feeds: { preset: string; source: string }[] = [];
  if (presets.stripe)
    for (const source of stripeProvides(presets.stripe)) feeds.push({ preset: 'stripe', source });
  for (const [preset, source] of Object.entries(MAPPING_PRESET_SOURCES))
    if (presets[preset as keyof typeof MAPPING_PRESET_SOURCES]) feeds.push({ preset, source });
  return feeds;
}

/**
 * Config issues for a source fed twice: by two presets, or by a preset and a `sources` entry. Each names
 * both keys of pulse.config.json.
 */
export function presetConflicts(
  presets: PresetsConfig | undefined,
  sources: Readonly<Record<string, unknown>> | undefined,
): { code: 'custom'; path: (string | number)[]; message: string }[] {
  const issues: { code: 'custom'; path: (string | number)[]; message: string }[] = [];
  const seen = new Map<string, string>();
  for (const { preset, source } of presetFeeds(presets)) {
    const other = seen.get(source);
    if (other !== undefined) {
      issues.push({
        code: 'custom',
        path: ['presets', preset],
        message: `${source} is already provided by presets.${other}: a source is fed by one preset; remove one or narrow its "provides"`,
      });
    }
    seen.set(source, preset);
    if (sources && source in sources) {
      issues.push({
        code: 'custom',
        path: ['sources', source],
        message: `${source} is provided by presets.${preset}: remove sources.${source} or leave ${source} out of presets.${preset}.provides`,
      });
    }
  }
  return issues;
}
