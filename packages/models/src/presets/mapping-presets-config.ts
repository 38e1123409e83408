import { z } from 'zod';
import { timeZoneSchema } from '../config-time-zone.js';
import { PRESET_DEFAULTS, shippedColumn } from './preset-defaults.js';
import { presetPath } from './preset-path.js';

// The Segment, Zendesk and HubSpot presets are shipped mapping files (mappings/*.mapping.json) that
// expand into `sources` entries (ADAPTERS.md section 2, "Further presets"; expand-mapping-presets.ts).

const vendorColumn = z.string().regex(/\S/, 'must name a column (or a dotted JSON key) of the export');

const dateFormat = z
  .string()
  .optional()
  .describe(
    'how the export writes its times: iso (default), epoch_s, epoch_ms or a strptime pattern such as %Y-%m-%d %H:%M:%S %z',
  );

export const SEGMENT_LAYOUTS = ['warehouse', 'json'] as const;
export const ZENDESK_LAYOUTS = ['fivetran', 'fivetran_metrics', 'json', 'csv'] as const;

export const segmentPresetSchema = z
  .object({
    path: presetPath(PRESET_DEFAULTS.segment.path),
    layout: z
      .enum(SEGMENT_LAYOUTS)
      .optional()
      .describe(
        'warehouse: the tracks table as CSV or Parquet (default); json: raw track calls, one JSON object per line',
      ),
    account_id: vendorColumn
      .optional()
      .describe(
        `the column holding the account id (default ${shippedColumn('segment', 'warehouse', 'account_id')}; ${shippedColumn('segment', 'json', 'account_id')} for the json layout)`,
      ),
    date_format: dateFormat.describe(
      'how the export writes timestamp, replacing the layout\'s default (ISO 8601; the warehouse layout also reads BigQuery\'s "2026-03-01 10:00:00 UTC" and Snowflake\'s "2026-03-01 10:00:00.123 +0000"): iso, epoch_s, epoch_ms or a strptime pattern such as %Y-%m-%d %H:%M:%S %z',
    ),
    time_zone: timeZoneSchema.optional(),
  })
  .strict()
  .describe('a Segment tracks table or export → events');

export const zendeskPresetSchema = z
  .object({
    path: presetPath(PRESET_DEFAULTS.zendesk.path),
    layout: z
      .enum(ZENDESK_LAYOUTS)
      .optional()
      .describe(
        "fivetran: Fivetran's ticket table (default; no solve times); fivetran_metrics: dbt_zendesk's zendesk__ticket_metrics; json: the Support JSON export; csv: the Support CSV export",
      ),
    account_id: vendorColumn
      .optional()
      .describe(
        `the column holding the account id (default ${shippedColumn('zendesk', 'fivetran', 'account_id')}; ${shippedColumn('zendesk', 'csv', 'account_id')} for the csv layout)`,
      ),
    date_format: dateFormat,
    time_zone: timeZoneSchema.optional(),
  })
  .strict()
  .describe('Zendesk Support tickets → tickets');

/** A HubSpot company property column, or null for none. */
const propertyColumn = vendorColumn.nullable().optional();

export const hubspotPresetSchema = z
  .object({
    path: presetPath(PRESET_DEFAULTS.hubspot.path),
    account_id: vendorColumn
      .optional()
      .describe(
        `the column holding the account id (default "${shippedColumn('hubspot', 'csv', 'account_id')}")`,
      ),
    segment: propertyColumn.describe('the company property column holding the segment (default: none)'),
    region: propertyColumn.describe(
      `the company property column holding the region (default "${shippedColumn('hubspot', 'csv', 'region')}")`,
    ),
    acquisition_channel: propertyColumn.describe(
      'the company property column holding the acquisition channel, matching spend.channel (default: none)',
    ),
    values: z
      .object({
        segment: z.record(z.string(), z.string()).optional(),
        region: z.record(z.string(), z.string()).optional(),
        acquisition_channel: z.record(z.string(), z.string()).optional(),
      })
      .strict()
      .optional()
      .describe('per column, { HubSpot value: Pulse value }: { "segment": { "Tier 1": "enterprise" } }'),
    date_format: dateFormat,
    time_zone: timeZoneSchema.optional(),
  })
  .strict()
  .describe('a HubSpot companies export → accounts');

export type SegmentPresetOptions = z.infer<typeof segmentPresetSchema>;
export type ZendeskPresetOptions = z.infer<typeof zendeskPresetSchema>;
export type HubspotPresetOptions = z.infer<typeof hubspotPresetSchema>;

export const MAPPING_PRESET_SOURCES = {
  segment: 'events',
  zendesk: 'tickets',
  hubspot: 'accounts',
} as const;
