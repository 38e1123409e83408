#!/usr/bin/env node
// The site's only data step: copy/convert the Parquet marts and target/*.json into src/data/ as JSON
// attachments (Framework's own .parquet() reader would fetch apache-arrow and parquet-wasm from a CDN).
// Nothing here computes a metric; the two summaries (health band counts, quarantine per reason) are
// row counts of what the warehouse already holds.
//
// Inputs (env):  PULSE_MARTS_DIR  (default <repo>/data/marts)
//                PULSE_ARTIFACTS_DIR (default: the marts' warehouse's artifacts folder, <repo>/target for the sample)
//                PULSE_WAREHOUSE  (default: the marts' own warehouse, X/marts → X/warehouse.duckdb,
//                                  X/foo-marts → X/foo.duckdb; optional: quarantine detail, source freshness)
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openDuckDB, sqlString } from './lib/duckdb.js';
import { checkColumns, exportMart } from './lib/export-mart.js';
import { glossaryFromManifest } from './lib/manifest.js';
import { MART_NAMES } from './lib/mart-schema.js';
import { dataPaths } from './lib/paths.js';
import { martProvenance } from './lib/provenance.js';
import { normaliseRunResults } from './lib/run-results.js';
import { quarantineFromRun, readWarehouse, withFreshness } from './lib/warehouse-summary.js';

const MONTH_SEGMENT = ['month', 'segment'];
/** What the pages read, per mart. Account-month marts are not shipped: no page draws them. */
const EXPORTS = {
  mrr_monthly: { orderBy: MONTH_SEGMENT },
  cohort_retention: { orderBy: ['cohort_month', 'segment', 'months_since'] },
  clv_monthly: { orderBy: MONTH_SEGMENT },
  ttv_accounts: {
    columns: ['account_id', 'segment', 'signup_month', 'ttv_days', 'reached'],
    orderBy: ['account_id'],
  },
  ttv_cohorts: { orderBy: ['signup_month', 'segment'] },
  nps_monthly: { orderBy: MONTH_SEGMENT },
  csat_monthly: { orderBy: MONTH_SEGMENT },
  cac_monthly: { orderBy: ['month', 'channel'] },
  support_monthly: { orderBy: MONTH_SEGMENT },
  renewals_monthly: { orderBy: MONTH_SEGMENT },
  engagement_monthly: { orderBy: MONTH_SEGMENT },
  // The at-risk table lists the latest month only; the band chart uses the counts below.
  health_scores: {
    out: 'health_scores_latest',
    where: (file) => `month = (SELECT max(month) FROM read_parquet(${sqlString(file)}))`,
    orderBy: ['score', 'account_id'],
  },
};

const readJson = async (file) => (existsSync(file) ? JSON.parse(await readFile(file, 'utf8')) : null);
const writeJson = (file, data) => writeFile(file, `${JSON.stringify(data)}\n`);

async function healthBandCounts(db, file) {
  return db.rows(`
    SELECT strftime(month, '%Y-%m-%d') AS month, coalesce(segment, 'all') AS segment, band,
           count(*)::DOUBLE AS accounts
    FROM read_parquet(${sqlString(file)})
    GROUP BY GROUPING SETS ((month, segment, band), (month, band))
    ORDER BY month, segment, band`);
}

/**
 * Framework publishes each attachment's mtime (FileAttachment.lastModified) in the page HTML, so
 * every file gets the run's time instead of the copy's: two builds of one run give identical pages.
 */
async function stampFiles(dir, time) {
  const seconds = time / 1000;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) await utimes(join(entry.parentPath, entry.name), seconds, seconds);
  }
}

async function main() {
  const paths = dataPaths();
  await rm(paths.out, { recursive: true, force: true });
  await mkdir(join(paths.out, 'marts'), { recursive: true });
  await mkdir(join(paths.out, 'run'), { recursive: true });

  const run = normaliseRunResults(await readJson(join(paths.target, 'run_results.json')));
  const manifest = await readJson(join(paths.target, 'manifest.json'));
  const db = await openDuckDB();
  const files = {};
  try {
    for (const name of MART_NAMES) {
      const file = join(paths.marts, `${name}.parquet`);
      const spec = EXPORTS[name];
      const present = existsSync(file);
      let rows = [];
      let drift = [];
      if (present && spec) {
        ({ rows, drift } = await exportMart(db, { name, file, ...spec, where: spec.where?.(file) }));
      } else if (present) {
        ({ drift } = await checkColumns(db, name, file));
      }
      if (spec) await writeJson(join(paths.out, 'marts', `${spec.out ?? name}.json`), rows);
      const count = present
        ? (await db.rows(`SELECT count(*)::DOUBLE AS n FROM read_parquet(${sqlString(file)})`))[0].n
        : 0;
      files[name] = { present, rows: count, drift };
      if (drift.length > 0) console.warn(`warning: ${name}: ${drift.join('; ')}`);
    }
    const health = join(paths.marts, 'health_scores.parquet');
    await writeJson(
      join(paths.out, 'marts', 'health_band_counts.json'),
      existsSync(health) ? await healthBandCounts(db, health) : [],
    );
  } finally {
    db.close();
  }

  const warehouse = await readWarehouse(paths.warehouse);
  const quarantine = warehouse.quarantine ?? quarantineFromRun(run);
  const provenance = {
    as_of: run?.as_of ?? null,
    run_id: run?.run_id ?? null,
    generated_at: run?.generated_at ?? null,
    currency: run?.currency ?? null,
    run_results_found: run !== null,
    manifest_found: manifest !== null,
    marts: martProvenance(MART_NAMES, files, run),
  };
  await writeJson(join(paths.out, 'run', 'provenance.json'), provenance);
  await writeJson(join(paths.out, 'run', 'run.json'), {
    nodes: run?.nodes ?? [],
    sources: withFreshness(run?.sources ?? [], warehouse.freshness),
    status: run?.status ?? null,
  });
  await writeJson(join(paths.out, 'run', 'quarantine.json'), {
    origin: warehouse.quarantine ? 'warehouse' : run ? 'run_results' : 'none',
    note: warehouse.note,
    rows: quarantine,
  });
  await writeJson(join(paths.out, 'run', 'glossary.json'), glossaryFromManifest(manifest));

  await stampFiles(paths.out, Date.parse(provenance.generated_at ?? provenance.as_of ?? '') || 0);

  const present = Object.values(files).filter((f) => f.present).length;
  console.log(
    `copy-data: ${present}/${MART_NAMES.length} marts from ${paths.marts}, target from ${paths.target} → ${paths.out}` +
      (run ? '' : ' (no run_results.json)'),
  );
}

await main();
