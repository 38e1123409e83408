import type { IngestStep } from './ingest-step.js';

/**
 * The kit's ingestion of a project's `sources` (CONTRACT.md), used by `pulse build` unless the project
 * brings its own `ingest`. Undefined until src/ingest/ lands: a project with sources then fails with a
 * clear message, one without sources builds with no ingestion step.
 */
// LEAD: wire ingestion here, e.g. (an IngestReport is an IngestOutcome; add the printed summary):
//   export const kitIngest: IngestStep | undefined = async (args) => { const report = await ingestSources(args); return { ...report, summary: formatIngestSummary(report) }; };
export const kitIngest: IngestStep | undefined = undefined;
