import { z } from 'zod';
import { presetPath } from './preset-path.js';

// Placeholder schemas: the Segment, Zendesk and HubSpot presets are shipped mapping files that expand
// into `sources` entries (ADAPTERS.md section 2, "Further presets").

export const segmentPresetSchema = z
  .object({ path: presetPath('segment/') })
  .strict()
  .describe('a Segment tracks table or export → events');

export const zendeskPresetSchema = z
  .object({ path: presetPath('zendesk/') })
  .strict()
  .describe('Zendesk Support tickets → tickets');

export const hubspotPresetSchema = z
  .object({ path: presetPath('hubspot/') })
  .strict()
  .describe('a HubSpot companies export → accounts');

export const MAPPING_PRESET_SOURCES = {
  segment: 'events',
  zendesk: 'tickets',
  hubspot: 'accounts',
} as const;
