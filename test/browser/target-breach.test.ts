/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// (page.evaluate callbacks run in the browser, so this file sees DOM types.)
// A target breach end to end: the bundled sample built with a config whose logo churn target it cannot
// meet (its latest complete month churns 3.3 % of its accounts; the target is below 1 %) and an MRR
// target it meets. The overview's KPI card shows the breach as the build judged it, and `pulse check` on
// the same warehouse and config exits 1 and prints the same message. (The main site suite's own check
// runs on the default target, which the sample meets.)
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMonth } from '../../apps/reports/src/components/format.js';
import { launchBrowser, visit, waitForCharts } from '../support/site-browser.js';
import { buildSampleProject, buildSite, REPO_ROOT, type SiteInputs } from '../support/site-build.js';
import { copySite } from '../support/site-copy.js';
import { type StaticServer, serveStatic } from '../support/site-server.js';

const work = mkdtempSync(join(tmpdir(), 'pulse-target-breach-'));
const root = join(work, 'project');
/** Logo churn below 1 % a month (breached by the sample), MRR above 0 (met). */
const TARGETS = [
  { metric: 'mrr_monthly.logo_churn_rate', operator: '<', threshold: 0.01 },
  { metric: 'mrr_monthly.mrr', operator: '>', threshold: 0 },
];

interface JudgedTarget {
  metric: string;
  segment: string;
  month: string | null;
  status: string;
  message: string;
}

let inputs: SiteInputs;
let siteDir: string;
let server: StaticServer;
let browser: Browser;
let results: { as_of: string; targets: JudgedTarget[] };

/** Runs `pulse <args>` in the project; resolves with the exit code and the output (never throws). */
function pulse(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, PULSE_PROJECT: join(REPO_ROOT, 'packages', 'models', 'src', 'index.ts') };
  return new Promise((done) =>
    execFile(
      process.execPath,
      [join(REPO_ROOT, 'packages', 'core', 'bin', 'pulse.js'), ...args],
      { cwd: root, env },
      (error, stdout, stderr) =>
        done({ code: error ? Number((error as { code?: number }).code) : 0, stdout, stderr }),
    ),
  );
}

beforeAll(async () => {
  // One account page keeps the site build short; this suite visits the overview, churn and MRR pages.
  inputs = await buildSampleProject(root, {}, { account_pages_max: 1, targets: TARGETS });
  results = JSON.parse(readFileSync(join(inputs.targetDir, 'run_results.json'), 'utf8'));
  siteDir = copySite('target-breach');
  const site = await buildSite(inputs, join(work, 'dist'), siteDir);
  server = await serveStatic(site.distDir);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(work, { recursive: true, force: true });
  if (siteDir) rmSync(siteDir, { recursive: true, force: true });
});

describe('a breached target', () => {
  it('shows on every chart card that draws its column, met or breached as the build judged it', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      for (const [path, card, metric, status] of [
        ['/churn', 'churn-rates', 'mrr_monthly.logo_churn_rate', 'breached'],
        ['/mrr', 'mrr-movements', 'mrr_monthly.mrr', 'met'],
      ] as const) {
        const { page, consoleErrors } = await visit(context, `${server.url}${path}`);
        await waitForCharts(page);
        const judged = results.targets.find((t) => t.metric === metric && t.segment === 'all')!;
        const badge = page.locator(
          `[data-card="${card}"] .pulse-card-targets [data-target-metric="${metric}"]`,
        );
        expect(await badge.getAttribute('data-target-status'), `${path} ${card}`).toBe(status);
        expect(await badge.getAttribute('title')).toBe(judged.message);
        // Only the cards that draw the column show it: the ARPA card draws neither.
        if (path === '/mrr')
          expect(await page.locator('[data-card="arpa"] .pulse-card-targets').count()).toBe(0);
        expect(consoleErrors).toEqual([]);
        await page.close();
      }
    } finally {
      await context.close();
    }
  });

  it('shows on its KPI card as the build judged it, and pulse check exits 1 with the same message', async () => {
    const judged = (metric: string) =>
      results.targets.find((t) => t.metric === metric && t.segment === 'all');
    const churn = judged('mrr_monthly.logo_churn_rate');
    const mrr = judged('mrr_monthly.mrr');
    expect(churn?.status, 'the sample cannot meet logo churn below 1 %').toBe('breached');
    expect(mrr?.status).toBe('met');
    expect(results.targets).toHaveLength(2);

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, consoleErrors } = await visit(context, `${server.url}/`);
    try {
      await waitForCharts(page);
      const badge = page.locator('[data-kpi="logo_churn_rate"] [data-target-status]');
      expect(await badge.getAttribute('data-target-status')).toBe('breached');
      expect(await badge.getAttribute('class')).toBe('pulse-target breached');
      expect(await badge.getAttribute('title')).toBe(churn!.message);
      expect(await badge.textContent()).toBe(
        `Target < 1.0%: breached in ${formatMonth(new Date(churn!.month!))}`,
      );
      const met = page.locator('[data-kpi="mrr"] [data-target-status]');
      expect(await met.getAttribute('data-target-status')).toBe('met');
      expect(await met.getAttribute('title')).toBe(mrr!.message);
      expect(consoleErrors).toEqual([]);
    } finally {
      await page.close();
      await context.close();
    }

    // `pulse check` on the warehouse and config of that build: every judgement, then the breach alone.
    const check = await pulse(
      'check',
      '--warehouse',
      join(root, 'data', 'warehouse.duckdb'),
      '--config',
      join(root, 'pulse.config.json'),
    );
    expect(check.code, check.stdout + check.stderr).toBe(1);
    expect(check.stdout).toBe(
      `Targets (as of ${results.as_of}):\n` +
        `  ${churn!.message}\n` +
        `  ${mrr!.message}\n` +
        '\n' +
        'Status: 1 of 2 targets failing:\n' +
        `  ${churn!.message}\n`,
    );
  });
});
