// Rewrites BENCHMARKS.md and the chart from the saved bench/results/*.json without measuring anything
// (`npx tsx bench/write-report.ts`), e.g. after changing the report's layout.
import { writeReport } from './report.js';

await writeReport();
