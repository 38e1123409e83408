import { type PresetDerivation, sqlString } from '@pulse/core';
import type { PulseConfig } from '../../config.js';
import { timestampText } from './stripe-values.js';

/** The accounts columns read from the customer's `metadata` JSON, under the key named in the `metadata` option. */
export const METADATA_COLUMNS = ['segment', 'region', 'acquisition_channel'] as const;

/** The metadata key of each column: the `metadata` option of presets.stripe, else the column's own name. */
export function metadataKeys(config: PulseConfig): Record<(typeof METADATA_COLUMNS)[number], string> {
  const option = config.presets?.stripe?.metadata ?? {};
  return Object.fromEntries(METADATA_COLUMNS.map((column) => [column, option[column] ?? column])) as Record<
    (typeof METADATA_COLUMNS)[number],
    string
  >;
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
    const metadata = METADATA_COLUMNS.map(
      (column) =>
        `case when json_valid(c.metadata) then json_extract_string(c.metadata, ${sqlString(`$."${keys[column].replaceAll('"', '\\"')}"`)}) end as ${column}`,
    );
    return `select c._file, c._line, c.id as account_id, coalesce(c.name, c.email) as name,
       ${timestampText('c.created')} as created_at,
       ${metadata.join(',\n       ')}
from ${table('customer')} c`;
  },
};
