import type { SourceDefinition } from '../ingest/source-definition.js';
import type { Warehouse } from '../warehouse/warehouse.js';

/**
 * Default freshness limits (hours) for sources without `max_age_hours` in the config. Only product
 * events flow daily in every company; accounts, subscriptions, invoices, surveys, spend and fx rates can
 * legitimately be quiet for days or weeks, so they are reported but checked only when configured. A
 * default applies only to a source with records.
 */
export const DEFAULT_MAX_AGE_HOURS: Readonly<Record<string, number>> = { events: 48 };

export interface SourceFreshness {
  readonly source: string;
  /** The column dating a record: the source's first date, timestamp or month column. */
  readonly column: string | null;
  /** The newest record's date, or null when the source has no rows (or no dated column). */
  readonly newest: Date | null;
  readonly ageHours: number | null;
  /** Null when no limit applies. */
  readonly maxAgeHours: number | null;
  /** Over its limit, or empty while a limit applies. */
  readonly stale: boolean;
}

/** Newest record per source in `raw.<source>` of an open warehouse, against each source's limit. */
export async function sourceFreshness(
  warehouse: Warehouse,
  sources: readonly SourceDefinition[],
  maxAgeHours: Readonly<Record<string, number>>,
  now: Date,
): Promise<SourceFreshness[]> {
  const tables = new Set(
    (await warehouse.relations()).filter((table) => table.schema === 'raw').map((table) => table.name),
  );
  const out: SourceFreshness[] = [];
  for (const source of sources) {
    const column =
      source.columns.find((candidate) => ['date', 'timestamp', 'month'].includes(candidate.type as string))
        ?.name ?? null;
    let newest: Date | null = null;
    if (column && tables.has(source.name)) {
      const [row] = await warehouse.query<{ newest: Date | null }>(
        `select max("${column}")::timestamp as newest from raw."${source.name}"`,
      );
      newest = row?.newest ?? null;
    }
    // A default limit judges a source only once it has records: a company without product events (an
    // optional source) was STALE at every status, a probe that always fails. A configured limit still
    // judges an empty source: someone said it should flow.
    const limit =
      maxAgeHours[source.name] ?? (newest === null ? null : (DEFAULT_MAX_AGE_HOURS[source.name] ?? null));
    const ageHours = newest ? (now.getTime() - newest.getTime()) / 3_600_000 : null;
    const stale = limit !== null && (ageHours === null || ageHours > limit);
    out.push({ source: source.name, column, newest, ageHours, maxAgeHours: limit, stale });
  }
  return out;
}

/** `max_age_hours` of a project's config, when its schema has that key. */
export function maxAgeHoursOf(config: unknown): Readonly<Record<string, number>> {
  const value = (config as { max_age_hours?: unknown } | null)?.max_age_hours;
  return value && typeof value === 'object' ? (value as Record<string, number>) : {};
}
