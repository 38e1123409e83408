import type { PresetDerivation, PresetSqlContext } from '@pulse/core';
import type { PulseConfig } from '../../config.js';
import { stripeTables } from './stripe-tables.js';
import { isFalse } from './stripe-values.js';

/** The reason a test-mode row is left out, as the ingestion summary shows it. */
export const TEST_MODE = 'left out as test mode (livemode false)';

/**
 * Stripe's test-mode objects (`livemode` false) are no revenue: like Fivetran's dbt_stripe_source, which
 * keeps only live rows by default (macros/livemode_predicate.sql:
 * `where livemode = {{ var('stripe__using_livemode', true) }}`), every table the derivation reads is seen
 * without its test-mode rows. A row whose livemode is empty, or a table without the column, is kept: an
 * export that does not say is read as live. The rows left out are counted per table in the source the
 * table feeds (its `malformedTo`), so each is counted once.
 */
export function liveModeOnly(
  source: string,
  derivation: PresetDerivation<PulseConfig>,
): PresetDerivation<PulseConfig> {
  const live = (context: PresetSqlContext<PulseConfig>): PresetSqlContext<PulseConfig> => ({
    ...context,
    table: (name) => `(select * from ${context.table(name)} where not ${isFalse('livemode')})`,
  });
  return {
    ...derivation,
    select: (context) => derivation.select(live(context)),
    ignored: (context) => {
      const counted = Object.values(stripeTables)
        .filter((table) => table.malformedTo === source)
        .map(
          ({ name }) => `select '${name}' as vendor_table, '${TEST_MODE}' as reason, count(*) as rows
from ${context.table(name)} where ${isFalse('livemode')}`,
        );
      const own = derivation.ignored ? [derivation.ignored(live(context))] : [];
      return [...own, ...counted].map((sql) => `select * from (${sql})`).join('\nunion all\n');
    },
  };
}
