import { type PresetDerivation, sqlString } from '@pulse/core';
import type { PulseConfig } from '../../config.js';
import { timestampText, validJson } from './stripe-values.js';

/** The accounts columns read from the customer's `metadata` JSON, under the key named in the `metadata` option. */
export const METADATA_COLUMNS = ['segment', 'region', 'acquisition_channel'] as const;

/**
 * The metadata key of each column: the keys the `metadata` option of presets.stripe names, and only those
 * (a column it does not name reads no key: NULL, so `unknown`); without the option, each column's own name.
 */
export function metadataKeys(
  config: PulseConfig,
): Partial<Record<(typeof METADATA_COLUMNS)[number], string>> {
  const option = config.presets?.stripe?.metadata;
  if (option === undefined) return Object.fromEntries(METADATA_COLUMNS.map((column) => [column, column]));
  return option;
}

/**
 * accounts ← customer: `account_id` = id, `name` = name (else email), `created_at` = created (ISO or epoch
 * seconds), segment/region/acquisition_channel from the customer's metadata JSON (an absent key is NULL,
 * which the contract turns into `unknown`). Deleted customers are kept: their subscriptions and invoices
 * still point at them.
 */
export const stripeAccounts: PresetDerivation<PulseConfig> = {
  requires: [['customer']],
  select: ({ config, table }) => {
    const keys = metadataKeys(config);
    const metadata = METADATA_COLUMNS.map((column) => {
      const key = keys[column];
      if (key === undefined) return `NULL::VARCHAR as ${column}`;
      return `json_extract_string(${validJson('c.metadata')}, ${sqlString(`$."${key.replaceAll('"', '\\"')}"`)}) as ${column}`;
    });
    return `select c._file, c._line, c.id as account_id, coalesce(c.name, c.email) as name,
       ${timestampText('c.created')} as created_at,
       ${metadata.join(',\n       ')}
from ${table('customer')} c`;
  },
};
