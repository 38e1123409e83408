// Writes the example's data folder: the vendor exports (Stripe, HubSpot, Segment, Zendesk) and the
// canonical files beside them; optionally the canonical twin of the same company (canonical-twin.ts).
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fxRates, spend, surveyResponses } from './canonical-extras.js';
import { canonicalTwin } from './canonical-twin.js';
import { hubspotCompanies } from './hubspot-companies.js';
import { buildCompany, SEED } from './ledgerly.js';
import { Random } from './random.js';
import { segmentTracks } from './segment-tracks.js';
import { stripeTables } from './stripe-tables.js';
import { accountUsage } from './usage.js';
import { zendeskTickets } from './zendesk-tickets.js';

export interface ExampleFiles {
  /** Path relative to the data folder → content: the committed example. */
  readonly data: Record<string, string>;
  /** The canonical twin: a data folder in CONTRACT.md's own layout. */
  readonly twin: Record<string, string>;
}

/** The whole example in memory. Each writer draws from its own random stream, so one can change alone. */
export function exampleFiles(): ExampleFiles {
  const company = buildCompany();
  const usage = accountUsage(company.accounts, new Random(SEED + 1));
  const tracks = segmentTracks(usage, new Random(SEED + 2));
  const support = zendeskTickets(usage, new Random(SEED + 3));
  const extras = {
    'fx_rates.csv': fxRates(new Random(SEED + 4)),
    'survey_responses.csv': surveyResponses(usage, support.tickets, new Random(SEED + 5)),
    'spend.csv': spend(new Random(SEED + 6)),
  };
  return {
    data: {
      ...stripeTables(company),
      ...hubspotCompanies(company, new Random(SEED + 7)),
      ...tracks.files,
      ...support.files,
      ...extras,
    },
    twin: { ...canonicalTwin(company, tracks.rows, support.tickets), ...extras },
  };
}

/** Replaces dir's content with the files (a stale file of an earlier run never lingers). */
export function writeFolder(dir: string, files: Record<string, string>): void {
  mkdirSync(dir, { recursive: true });
  for (const entry of readdirSync(dir)) rmSync(join(dir, entry), { recursive: true, force: true });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}
