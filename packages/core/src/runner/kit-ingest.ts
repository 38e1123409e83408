import { formatIngestSummary } from '../ingest/format-ingest-summary.js';
import { ingestSources } from '../ingest/ingest-sources.js';
import type { IngestStep } from '../project/ingest-step.js';

/** The kit's ingestion of a project's `sources` (CONTRACT.md), used by `pulse build` unless the project brings its own `ingest`. */
export const kitIngest: IngestStep = async (args) => {
  const report = await ingestSources(args);
  return { ...report, summary: formatIngestSummary(report) };
};
