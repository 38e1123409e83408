import type { Expression, ExpressionBuilder } from 'kysely';

/** The name of the row of every segment (every channel) in the marts that have one per group (G5). */
export const ALL_GROUPS = 'all';

/**
 * A segment or channel of the data named `all` is read as `all (segment)` or `all (channel)`: under its
 * own name its rows would share the key of the marts' row of every group, whose identity tests ("all =
 * sum of the groups") then fail and leave the MRR marts unpublished. The spec leaves the value free, so
 * the account keeps its group under a name that cannot collide.
 */
export function groupNameOf<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  value: Expression<string>,
  kind: 'segment' | 'channel',
) {
  return eb.case().when(value, '=', ALL_GROUPS).then(`${ALL_GROUPS} (${kind})`).else(value).end();
}
