import { join } from 'node:path';
import { writeAccountSources } from './account-sources.js';
import { planEventsParts } from './events-part.js';
import { writeEventsParts } from './events-pool.js';
import { writeFxRates } from './fx-rates.js';
import { type GenerateSampleOptions, resolveGenerateOptions } from './generate-options.js';
import { prepareOutputFolder } from './output-folder.js';
import { EVENTS } from './source-tables.js';
import { writeSpend } from './spend.js';
import { TextSink } from './text-sink.js';
import { buildTimeline } from './timeline.js';

/**
 * Writes a synthetic raw-export folder that follows CONTRACT.md: the same options give byte-identical files.
 * Events (most of the volume) are written by worker threads, part by part, while this thread writes the other
 * sources.
 */
export async function generate(options: GenerateSampleOptions): Promise<void> {
  const resolved = resolveGenerateOptions(options);
  const { outDir, seed, accounts, months, end, gzipLevel, workers, onProgress } = resolved;
  const timeline = buildTimeline(end, months);
  await prepareOutputFolder(outDir);
  const parts = planEventsParts(
    { seed, accounts, months, end, gzipLevel, header: EVENTS.header },
    join(outDir, 'events'),
  );
  const events = writeEventsParts(parts, workers, (task, count) =>
    onProgress(`events: ${task.path} written (${count} events)`),
  );
  const others = (async () => {
    const summary = await writeAccountSources(resolved, timeline);
    const spend = TextSink.open(join(outDir, 'spend.csv'));
    const spendRows = await writeSpend(spend, timeline, seed, accounts, summary.won).finally(() =>
      spend.close(),
    );
    const fx = TextSink.open(join(outDir, 'fx_rates.jsonl'));
    const fxRows = await writeFxRates(fx, timeline, seed).finally(() => fx.close());
    return { ...summary.rows, spend: spendRows, fx_rates: fxRows, corrupt: summary.corrupt.length };
  })();
  // Wait for both even when one fails, so no worker is left writing into the folder.
  const [eventsResult, othersResult] = await Promise.allSettled([events, others]);
  if (eventsResult.status === 'rejected') throw eventsResult.reason;
  if (othersResult.status === 'rejected') throw othersResult.reason;
  const counts = Object.entries({ ...othersResult.value, events: eventsResult.value })
    .map(([source, rows]) => `${source} ${rows}`)
    .join(', ');
  onProgress(`generated ${outDir}: ${counts}`);
}
