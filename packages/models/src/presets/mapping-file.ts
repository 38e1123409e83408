import { z } from 'zod';
import { emptyUnlessSchema } from '../config-empty-unless.js';
import { leaveOutSchema } from '../config-leave-out.js';
import hubspotCsv from './mappings/hubspot-csv.mapping.json' with { type: 'json' };
import segmentJson from './mappings/segment-json.mapping.json' with { type: 'json' };
import segmentWarehouse from './mappings/segment-warehouse.mapping.json' with { type: 'json' };
import zendeskCsv from './mappings/zendesk-csv.mapping.json' with { type: 'json' };
import zendeskFivetran from './mappings/zendesk-fivetran.mapping.json' with { type: 'json' };
import zendeskFivetranMetrics from './mappings/zendesk-fivetran-metrics.mapping.json' with { type: 'json' };
import zendeskJson from './mappings/zendesk-json.mapping.json' with { type: 'json' };

/**
 * A shipped mapping file (`mappings/<preset>-<layout>.mapping.json`): one vendor layout read as one
 * canonical source, in the `sources.<source>` syntax of pulse.config.json, with the pages it was
 * researched from (`citations`) and why each canonical column is read where it is (`read_from`).
 * `leave_out` lists the vendor's rows that are no rows of the source (Zendesk's deleted tickets);
 * `empty_unless`, the columns whose value holds only on some rows (a reopened ticket's last solve time).
 */
export const mappingFileSchema = z
  .object({
    $comment: z.string(),
    preset: z.string(),
    layout: z.string(),
    source: z.string(),
    citations: z.array(z.object({ url: z.url(), relied_on: z.string() }).strict()).min(1),
    layout_evidence: z.string().optional(),
    columns: z.record(z.string(), z.string()),
    read_from: z.record(z.string(), z.string()),
    values: z.record(z.string(), z.record(z.string(), z.string())),
    formats: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
    leave_out: leaveOutSchema.optional(),
    empty_unless: emptyUnlessSchema.optional(),
  })
  .strict();

export type MappingFile = z.infer<typeof mappingFileSchema>;

/** Every shipped mapping file, keyed `<preset>/<layout>`; a malformed file fails at import. */
export const MAPPING_FILES: Readonly<Record<string, MappingFile>> = Object.fromEntries(
  [
    segmentWarehouse,
    segmentJson,
    zendeskFivetran,
    zendeskFivetranMetrics,
    zendeskJson,
    zendeskCsv,
    hubspotCsv,
  ]
    .map((file) => mappingFileSchema.parse(file))
    .map((file) => [`${file.preset}/${file.layout}`, file]),
);

export function mappingFile(preset: string, layout: string): MappingFile {
  const file = MAPPING_FILES[`${preset}/${layout}`];
  if (!file) throw new Error(`no shipped mapping file for presets.${preset} layout "${layout}"`);
  return file;
}
