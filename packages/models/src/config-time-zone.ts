import { closestMatch } from '@pulse/core';
import { z } from 'zod';

/** Whether the runtime's ICU, the data the warehouse's zone conversion uses as well, knows the zone. */
function knownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * `time_zone` of a `sources` entry or a mapping preset: the IANA zone an export writes its wall-clock
 * times in (HubSpot writes them in the portal's zone, with no offset). A misspelt zone is a config error
 * with the nearest known name.
 */
export const timeZoneSchema = z
  .string()
  .superRefine((zone, context) => {
    if (knownZone(zone) && zone === zone.trim()) return;
    const near = closestMatch(zone.trim(), Intl.supportedValuesOf('timeZone'));
    context.addIssue({
      code: 'custom',
      message: `"${zone}" is not an IANA time zone${near ? `; did you mean "${near}"?` : ''} (names such as America/New_York, Europe/Paris or UTC)`,
    });
  })
  .describe(
    "the IANA time zone (America/New_York) the export writes times in: timestamps without Z or an offset are read as that zone's wall-clock time (default: UTC). Dates are calendar dates and stay as written",
  );
