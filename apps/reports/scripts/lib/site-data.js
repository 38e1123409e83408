// Everything the pages read, by name: one JSON document per name, computed from the Parquet marts and
// target/*.json only (the site never opens the warehouse). The one data loader (src/data/[name].json.js)
// serves it to Framework; scripts/warm-data-cache.js runs the same function for a build.
// Nothing here computes a metric: marts are converted, the summaries (accounts per health band, accounts
// per day to value, quarantined rows per reason, account pages per reason) are row counts and sums.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PUBLISHED_SQL } from './account-pages.js';
import { changesDocument } from './changes.js';
import { toCompact } from './compact-rows.js';
import { openDuckDB, sqlString } from './duckdb.js';
import { checkColumns, exportMart } from './export-mart.js';
import { glossaryFromManifest } from './manifest.js';
import { dataPaths } from './paths.js';
import { martProvenance } from './provenance.js';
import { quarantineRows } from './quarantine.js';
import { failureSincePublished, readRunLog } from './run-log.js';
import { normaliseRunResults } from './run-results.js';
import { MART_EXPORTS, MARTS_READ } from './site-exports.js';
import {
  minGroupSizeOf,
  SMALL_GROUPS,
  sizeMartOf,
  suppressMovedValues,
  suppressSmallGroups,
  suppressTargetValues,
} from './small-groups.js';

/** A build artifact's JSON, null when absent; a damaged one (cut short, emptied) says which and what to do. */
function readJson(file) {
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(
      `${file} is not valid JSON (${error.message}): it was damaged after the build wrote it. ` +
        'Run `pulse build` again to write it anew.',
    );
  }
}

/** The run (normalised run_results.json) and the manifest's marts, as this build's inputs say. */
export function siteInputs(paths = dataPaths()) {
  const run = normaliseRunResults(readJson(join(paths.target, 'run_results.json')));
  const manifest = readJson(join(paths.target, 'manifest.json'));
  const glossary = glossaryFromManifest(manifest);
  return { paths, run, manifest, glossary };
}

/** The marts of the manifest, in its order, then those the pages read that it does not list. */
const martNames = (glossary) => [...new Set([...glossary.models.map((m) => m.name), ...MARTS_READ])];

async function withDuckDB(use) {
  const db = await openDuckDB();
  try {
    return await use(db);
  } finally {
    db.close();
  }
}

async function provenance({ paths, run, manifest, glossary }) {
  const files = await withDuckDB(async (db) => {
    const out = {};
    for (const name of martNames(glossary)) {
      const file = join(paths.marts, `${name}.parquet`);
      if (!existsSync(file)) {
        out[name] = { present: false, rows: 0, drift: [] };
        continue;
      }
      const model = glossary.models.find((m) => m.name === name) ?? null;
      const { drift } = await checkColumns(db, file, model);
      const [{ n }] = await db.rows(`SELECT count(*)::DOUBLE AS n FROM read_parquet(${sqlString(file)})`);
      out[name] = { present: true, rows: n, drift };
    }
    return out;
  });
  return {
    as_of: run?.as_of ?? null,
    run_id: run?.run_id ?? null,
    generated_at: run?.generated_at ?? null,
    currency: run?.currency ?? null,
    run_results_found: run !== null,
    failure_since: failureSincePublished(readRunLog(paths.runLog), run),
    manifest_found: manifest !== null,
    marts: martProvenance(Object.keys(files), files, run),
  };
}

async function exportedRows({ paths, glossary }, name) {
  const spec = MART_EXPORTS[name];
  const mart = spec.mart ?? name;
  const file = join(paths.marts, `${mart}.parquet`);
  if (!existsSync(file)) return spec.compact ? toCompact([]) : [];
  const model = glossary.models.find((m) => m.name === mart) ?? null;
  const rows = await withDuckDB((db) => exportMart(db, { ...spec, file, model, where: spec.where?.(file) }));
  return spec.compact ? toCompact(rows) : rows;
}

/** The mart's rows as the pages show them: cells of groups under config min_group_size suppressed. */
async function martRows(inputs, name) {
  const rows = await exportedRows(inputs, name);
  const mart = MART_EXPORTS[name].mart ?? name;
  const minGroupSize = minGroupSizeOf(inputs.run?.min_group_size);
  const sizesFrom = SMALL_GROUPS[mart]?.sizesFrom;
  if (minGroupSize === null || !SMALL_GROUPS[mart]) return rows;
  const sizeRows = sizesFrom ? await exportedRows(inputs, sizesFrom.mart) : [];
  return suppressSmallGroups(mart, rows, minGroupSize, { sizeRows });
}

async function healthBandCounts({ paths }) {
  const file = join(paths.marts, 'health_scores.parquet');
  if (!existsSync(file)) return [];
  return withDuckDB((db) =>
    db.rows(`
      SELECT strftime(month, '%Y-%m-%d') AS month, coalesce(segment, 'all') AS segment, band,
             count(*)::DOUBLE AS accounts
      FROM read_parquet(${sqlString(file)})
      GROUP BY GROUPING SETS ((month, segment, band), (month, band))
      ORDER BY month, segment, band`),
  );
}

/**
 * Accounts that reached value, per signup month, segment and whole day from signup to first value
 * (`days` = 0 for the first 24 hours): row counts of ttv_accounts, the histogram's bins at any scale.
 */
async function ttvDayCounts({ paths }) {
  const file = join(paths.marts, 'ttv_accounts.parquet');
  if (!existsSync(file)) return [];
  return withDuckDB((db) =>
    db.rows(`
      SELECT strftime(signup_month, '%Y-%m-%d') AS signup_month, segment,
             floor(ttv_days)::DOUBLE AS days, count(*)::DOUBLE AS accounts
      FROM read_parquet(${sqlString(file)})
      WHERE reached
      GROUP BY ALL
      ORDER BY signup_month, segment, days`),
  );
}

/** Renewals of the next 90 days per health band (NULL band: `none`), per segment and for `all`. */
async function renewalsByBand({ paths }) {
  const file = join(paths.marts, 'renewals_upcoming.parquet');
  if (!existsSync(file)) return [];
  return withDuckDB((db) =>
    db.rows(`
      SELECT coalesce(segment, 'all') AS segment, coalesce(health_band, 'none') AS band,
             count(*)::DOUBLE AS renewals, sum(arr_at_stake)::DOUBLE AS arr_at_stake
      FROM read_parquet(${sqlString(file)})
      GROUP BY GROUPING SETS ((segment, health_band), (health_band))
      ORDER BY segment, band`),
  );
}

/**
 * How many accounts qualify for a page, how many the mart gives one (`has_page`, capped by config
 * `account_pages_max`) and how many are published (their id can be a file name), per reason in priority
 * order: row counts of account_pages, so the Accounts page can say what the cap left out.
 */
async function accountPagesSummary({ paths, run }) {
  const file = join(paths.marts, 'account_pages.parquet');
  const max = run?.account_pages_max ?? null;
  if (!existsSync(file)) return { max, qualifying: 0, with_page: 0, published: 0, reasons: [] };
  const reasons = await withDuckDB((db) =>
    db.rows(`
      SELECT page_reason AS reason, count(*)::DOUBLE AS qualifying,
             count(*) FILTER (has_page)::DOUBLE AS with_page,
             count(*) FILTER (${PUBLISHED_SQL})::DOUBLE AS published
      FROM read_parquet(${sqlString(file)})
      GROUP BY page_reason
      ORDER BY min(page_priority)`),
  );
  const total = (key) => reasons.reduce((sum, r) => sum + r[key], 0);
  return {
    max,
    qualifying: total('qualifying'),
    with_page: total('with_page'),
    published: total('published'),
    reasons,
  };
}

/** The Changes page's document, its moved values of small cells suppressed (config min_group_size). */
async function movedValues(inputs) {
  const changes = await changesDocument(inputs.paths);
  const minGroupSize = minGroupSizeOf(inputs.run?.min_group_size);
  if (minGroupSize === null || !changes.recorded || !changes.values?.length) return changes;
  const sizeMarts = new Set(
    changes.values.filter((v) => SMALL_GROUPS[v.mart]).map((v) => sizeMartOf(v.mart)),
  );
  const rows = {};
  for (const mart of sizeMarts) rows[mart] = await exportedRows(inputs, mart);
  return { ...changes, values: suppressMovedValues(changes.values, rows, minGroupSize) };
}

/** Config targets as the build judged them, without the values of cells the pages show suppressed. */
async function judgedTargets(inputs) {
  const targets = inputs.run?.targets ?? [];
  if (minGroupSizeOf(inputs.run?.min_group_size) === null) return targets;
  const marts = new Set(
    targets.map((t) => t.mart).filter((mart) => SMALL_GROUPS[mart] && mart in MART_EXPORTS),
  );
  const served = {};
  for (const mart of marts) served[mart] = await martRows(inputs, mart);
  return suppressTargetValues(targets, served);
}

const DOCUMENTS = {
  provenance,
  run: async ({ run }) => ({
    nodes: run?.nodes ?? [],
    sources: run?.sources ?? [],
    status: run?.status ?? null,
  }),
  quarantine: async ({ run }) => ({ origin: run ? 'run_results' : 'none', rows: quarantineRows(run) }),
  glossary: async ({ glossary }) => glossary,
  health_band_counts: healthBandCounts,
  renewals_upcoming_by_band: renewalsByBand,
  ttv_day_counts: ttvDayCounts,
  account_pages_summary: accountPagesSummary,
  // Config targets as the build judged them: the KPI cards and charts show them.
  targets: judgedTargets,
  // The latest complete month in plain words, as the build wrote it and `pulse digest` prints it.
  digest: async ({ run }) => run?.digest ?? null,
  changes: movedValues,
};

/** Every name the loader answers, marts first. */
export const SITE_DATA_NAMES = [...Object.keys(MART_EXPORTS), ...Object.keys(DOCUMENTS)];

/** The JSON document `name` (a key of MART_EXPORTS or of the run documents). */
export async function siteData(name, inputs = siteInputs()) {
  if (name in MART_EXPORTS) return martRows(inputs, name);
  const document = DOCUMENTS[name];
  if (!document) throw new Error(`no site data named "${name}"; known: ${SITE_DATA_NAMES.join(', ')}`);
  return document(inputs);
}
