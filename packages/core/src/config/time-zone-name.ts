import { closestMatch } from './did-you-mean.js';

/**
 * Whether `zone` is an IANA time zone the runtime's ICU knows: the data DuckDB's zone conversion uses as
 * well. The name is taken as written: spaces around it would reach the warehouse's zone lookup as they are.
 */
export function isKnownTimeZone(zone: string): boolean {
  if (zone !== zone.trim()) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Why `zone` is no IANA time zone, with the nearest known name, for a config message; undefined when it
 * is one. Written once for the models' config schema and for core, which checks a source's `time_zone`
 * itself (a project may hand core a config the models' schema never saw).
 */
export function timeZoneProblem(zone: string): string | undefined {
  if (isKnownTimeZone(zone)) return undefined;
  const near = closestMatch(zone.trim(), Intl.supportedValuesOf('timeZone'));
  return `"${zone}" is not an IANA time zone${near ? `; did you mean "${near}"?` : ''} (names such as America/New_York, Europe/Paris or UTC)`;
}
