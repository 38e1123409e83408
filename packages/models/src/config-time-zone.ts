import { timeZoneProblem } from '@pulse/core';
import { z } from 'zod';

/**
 * `time_zone` of a `sources` entry or a mapping preset: the IANA zone an export writes its wall-clock
 * times in (HubSpot writes them in the portal's zone, with no offset). A misspelt zone is a config error
 * with the nearest known name (core words it: it checks a zone the same way when no schema did).
 */
export const timeZoneSchema = z
  .string()
  .superRefine((zone, context) => {
    const problem = timeZoneProblem(zone);
    if (problem !== undefined) context.addIssue({ code: 'custom', message: problem });
  })
  .describe(
    "the IANA time zone (America/New_York) the export writes times in: timestamps without Z or an offset are read as that zone's wall-clock time (default: UTC). Dates are calendar dates and stay as written",
  );
