/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// (page.evaluate callbacks run in the browser, so this file sees DOM types.)
// Config min_group_size in Debian's chromium: a generated project (80 accounts, where most cohorts have
// fewer than 5 accounts) built with min_group_size 5. On the Churn page a cohort cell of fewer accounts
// shows as suppressed, with a note on its card, and the card's CSV download holds no value for it, while
// the Parquet mart keeps the full value. The other browser suites build without it (default off).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDuckDB } from '../../apps/reports/scripts/lib/duckdb.js';
import { downloadCsv } from '../support/page-numbers.js';
import { launchBrowser, visit, waitForCharts } from '../support/site-browser.js';
import { buildSite, type SiteInputs } from '../support/site-build.js';
import { copySite } from '../support/site-copy.js';
import { buildGeneratedProject, generateExports } from '../support/site-fixtures.js';
import { type StaticServer, serveStatic } from '../support/site-server.js';

const MIN_GROUP_SIZE = 5;
const CARD = 'cohort-logo-retention';

const work = mkdtempSync(join(tmpdir(), 'pulse-small-groups-site-'));
let siteDir: string;
let inputs: SiteInputs;
let server: StaticServer;
let browser: Browser;
let context: BrowserContext;

interface CohortCell {
  cohort_month: string;
  segment: string;
  months_since: number;
  cohort_accounts: number;
  logo_retention: number;
}

/** Every cohort cell of the Parquet mart, by `cohort_month|segment|months_since`. */
async function cohortCells(): Promise<Map<string, CohortCell>> {
  const db = await openDuckDB();
  try {
    const file = join(inputs.martsDir, 'cohort_retention.parquet').replaceAll("'", "''");
    const rows = (await db.rows(`
      SELECT strftime(cohort_month, '%Y-%m-%d') AS cohort_month, segment, months_since::DOUBLE AS months_since,
             cohort_accounts::DOUBLE AS cohort_accounts, logo_retention
      FROM read_parquet('${file}')`)) as unknown as CohortCell[];
    return new Map(rows.map((r) => [`${r.cohort_month}|${r.segment}|${r.months_since}`, r]));
  } finally {
    db.close();
  }
}

/** The Churn page, its charts drawn; with a segment, that segment selected and `ready` on the page. */
async function churnPage(segment?: { label: string; ready: string }) {
  const visited = await visit(context, `${server.url}/churn`);
  if (segment) {
    await visited.page.locator('[data-filters] select').first().selectOption({ label: segment.label });
    await visited.page.waitForSelector(segment.ready, { timeout: 20_000 });
  }
  await waitForCharts(visited.page);
  return visited;
}

/** The card's CSV, checked cell by cell against the mart: small cohorts empty and flagged, others in full. */
async function expectCsvSuppressed(csv: string[][], segment: string) {
  const [header = [], ...rows] = csv;
  expect(header).toEqual(['cohort_month', 'segment', 'months_since', 'logo_retention', 'suppressed']);
  const cells = await cohortCells();
  let suppressed = 0;
  for (const [cohort_month, rowSegment, months_since, logo_retention, flag] of rows) {
    expect(rowSegment).toBe(segment);
    const mart = cells.get(`${cohort_month}|${rowSegment}|${months_since}`);
    expect(mart, `${cohort_month} ${rowSegment} ${months_since}`).toBeDefined();
    // The Parquet mart keeps the full value, small cohorts included.
    expect(typeof mart!.logo_retention).toBe('number');
    if (mart!.cohort_accounts < MIN_GROUP_SIZE) {
      expect([logo_retention, flag]).toEqual(['', `< ${MIN_GROUP_SIZE} accounts`]);
      suppressed++;
    } else {
      expect([logo_retention, flag]).toEqual([String(mart!.logo_retention), '']);
    }
  }
  return { rows: rows.length, suppressed };
}

beforeAll(async () => {
  const generated = await generateExports(join(work, 'generated'));
  inputs = await buildGeneratedProject(generated, join(work, 'project'), {
    // One account page keeps the site build short; this suite visits the Churn page only.
    config: { min_group_size: MIN_GROUP_SIZE, account_pages_max: 1 },
  });
  siteDir = copySite('small-groups');
  const site = await buildSite(inputs, join(work, 'dist'), siteDir);
  server = await serveStatic(site.distDir);
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
  rmSync(work, { recursive: true, force: true });
  if (siteDir) rmSync(siteDir, { recursive: true, force: true });
});

describe('min_group_size on the site', () => {
  it('a cohort of fewer accounts shows as suppressed with a note, and the CSV holds no value for it', async () => {
    const { page, consoleErrors, foreignRequests } = await churnPage();
    try {
      const csv = await downloadCsv(page, CARD);
      const { rows, suppressed } = await expectCsvSuppressed(csv, 'all');
      // The generated `all` cohorts have from 2 to 10 accounts: some are shown, some suppressed.
      expect(suppressed).toBeGreaterThan(0);
      expect(suppressed).toBeLessThan(rows);
      const note = page.locator(`[data-card="${CARD}"] [data-suppressed]`);
      expect(await note.getAttribute('data-suppressed')).toBe(String(suppressed));
      expect(await note.textContent()).toContain(
        `${suppressed} of ${rows} rows suppressed (< ${MIN_GROUP_SIZE} accounts)`,
      );
      expect(await note.textContent()).toContain('min_group_size');
      // The heatmap shades the suppressed cells and names them.
      const titles = await page
        .locator(`[data-card="${CARD}"] svg title`)
        .evaluateAll((ts) => ts.map((t) => t.textContent));
      expect(titles.filter((t) => t === `suppressed (< ${MIN_GROUP_SIZE} accounts)`)).toHaveLength(
        suppressed,
      );
      // The table view says so in words.
      await page.locator(`[data-card="${CARD}"] details summary`).click();
      expect(await page.locator(`[data-card="${CARD}"] table`).textContent()).toContain(
        `suppressed (< ${MIN_GROUP_SIZE} accounts)`,
      );
      expect(consoleErrors).toEqual([]);
      expect(foreignRequests).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('a segment whose every cohort is small shows no value at all, and says why', async () => {
    const { page, consoleErrors } = await churnPage({
      label: 'mid market',
      ready: `[data-card="${CARD}"] figure[data-empty="true"]`,
    });
    try {
      const { rows, suppressed } = await expectCsvSuppressed(await downloadCsv(page, CARD), 'mid_market');
      expect(rows).toBeGreaterThan(0);
      expect(suppressed).toBe(rows);
      expect(await page.getAttribute(`[data-card="${CARD}"] figure`, 'data-empty')).toBe('true');
      expect(await page.textContent(`[data-card="${CARD}"] figure`)).toBe(
        'Every value of this selection is suppressed.',
      );
      expect(await page.getAttribute(`[data-card="${CARD}"] [data-suppressed]`, 'data-suppressed')).toBe(
        String(rows),
      );
      expect(consoleErrors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
