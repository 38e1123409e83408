import { mappingFile } from './mapping-file.js';

/**
 * Each preset's defaults, written once: the config schema's descriptions (and through them the JSON
 * Schema and the docs) and the presets themselves read them here.
 */
export const PRESET_DEFAULTS = {
  stripe: { path: 'stripe/' },
  segment: { path: 'segment/', layout: 'warehouse' },
  zendesk: { path: 'zendesk/', layout: 'fivetran' },
  hubspot: { path: 'hubspot/', layout: 'csv' },
} as const;

/**
 * The vendor column a shipped layout reads `column` from (mappings/*.mapping.json): the default that a
 * preset option such as `account_id` replaces.
 */
export function shippedColumn(preset: string, layout: string, column: string): string {
  const vendorColumn = mappingFile(preset, layout).columns[column];
  if (vendorColumn === undefined)
    throw new Error(`the shipped ${preset} ${layout} mapping reads no column into ${column}`);
  return vendorColumn;
}
