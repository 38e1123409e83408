/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// (page.evaluate callbacks run in the browser, so this file sees DOM types.)
// The Changes page in Debian's chromium: after the first `pulse refresh` it says there is nothing to
// compare; after a second delivery that restates history (test/support/changes-fixture.ts) it shows the
// restated values, the account (linked to its page) and the files, as `pulse diff` lists them.
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountHref } from '../../apps/reports/src/components/account-link.js';
import { restateHistory, writeChangesWorkspace } from '../support/changes-fixture.js';
import { launchBrowser, visit } from '../support/site-browser.js';
import { buildSite, REPO_ROOT } from '../support/site-build.js';
import { copySite } from '../support/site-copy.js';
import { serveStatic } from '../support/site-server.js';

const run = promisify(execFile);
const PULSE = join(REPO_ROOT, 'packages', 'core', 'bin', 'pulse.js');
const MODELS = join(REPO_ROOT, 'packages', 'models', 'src', 'index.ts');

const work = mkdtempSync(join(tmpdir(), 'pulse-changes-site-'));
const root = join(work, 'project');
let siteDir: string;
let browser: Browser;
let context: BrowserContext;

async function refresh(): Promise<void> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('PULSE_')));
  await run(process.execPath, [PULSE, 'refresh'], { cwd: root, env: { ...env, PULSE_PROJECT: MODELS } });
}

/** Builds the site from the workspace's published marts (or a copy of them) and opens its Changes page. */
async function openChanges(name: string, martsDir = join(root, 'data', 'marts')) {
  const site = await buildSite(
    { martsDir, targetDir: join(root, 'target') },
    join(work, `dist-${name}`),
    siteDir,
  );
  const server = await serveStatic(site.distDir);
  const visited = await visit(context, `${server.url}/changes`);
  await visited.page.waitForSelector('[data-changes]', { timeout: 20_000 });
  return { ...visited, close: () => server.close() };
}

const cells = (page: Page, selector: string) =>
  page.$$eval(selector, (rows) =>
    rows.map((row) => [...row.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')),
  );
/** Inputs.table (tableView) leads each row with an empty cell (where a selector would be). */
const tableCells = async (page: Page, selector: string) =>
  (await cells(page, selector)).map((row) => row.slice(1));

beforeAll(async () => {
  writeChangesWorkspace(root);
  siteDir = copySite('changes');
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  rmSync(work, { recursive: true, force: true });
  if (siteDir) rmSync(siteDir, { recursive: true, force: true });
});

describe('the Changes page', () => {
  it('after the first run it says there is nothing to compare, and the navigation links to it', async () => {
    await refresh();
    const { page, consoleErrors, foreignRequests, close } = await openChanges('first');
    try {
      expect(await page.textContent('[data-changes]')).toContain('First run: nothing to compare');
      expect(await page.getAttribute('[data-changes]', 'data-changes')).toBe('first-run');
      expect(
        await page.$$eval('a', (links) => links.some((a) => a.getAttribute('href')?.endsWith('changes'))),
      ).toBe(true);
      expect(consoleErrors).toEqual([]);
      expect(foreignRequests).toEqual([]);
    } finally {
      await page.close();
      await close();
    }
  });

  it('after a late invoice and a corrected subscription file it shows the restated values, the account and the files', async () => {
    restateHistory(root);
    await refresh();
    const { page, consoleErrors, foreignRequests, close } = await openChanges('restated');
    try {
      expect(await page.textContent('[data-card=moved-values] h2')).toBe('Values that moved (26)');
      const moved = await tableCells(page, '[data-card=moved-values] table tbody tr');
      // In each column's unit, as the other pages show them.
      expect(moved).toContainEqual(['mrr_monthly', '2026-03-01', 'all', 'mrr', '$300.00', '$350.00']);
      expect(moved).toContainEqual(['mrr_monthly', '2026-03-01', 'smb', 'nrr', '100%', '116.667%']);
      const accounts = await cells(page, '[data-card=changed-accounts] tbody tr');
      expect(accounts).toEqual([['A1', '1', '2026-03-01', '2026-03-01', '2026-03-01: $100.00 → $150.00']]);
      expect(await page.getAttribute('[data-card=changed-accounts] tbody a', 'href')).toBe(accountHref('A1'));
      const files = await tableCells(page, '[data-card=changed-files] table tbody tr');
      expect(files).toEqual([
        ['added', 'invoices/late-2026-02.csv', 'invoices', 'false'],
        ['changed', 'subscriptions.csv', 'subscriptions', 'true'],
      ]);
      expect(consoleErrors).toEqual([]);
      expect(foreignRequests).toEqual([]);
    } finally {
      await page.close();
      await close();
    }
  });

  // An account whose history changed need not have a page (account_pages_max caps them): a copy of the
  // restated marts in which A1 has none stands for that. The table lists it as text; a link would be dead.
  it('lists a changed account that has no page as text, without a link', async () => {
    const marts = join(work, 'capped', 'marts');
    cpSync(join(root, 'data', 'marts'), marts, { recursive: true });
    const pages = join(marts, 'account_pages.parquet');
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      await connection.run(
        `COPY (SELECT * REPLACE (has_page AND account_id <> 'A1' AS has_page)
               FROM read_parquet('${join(root, 'data', 'marts', 'account_pages.parquet')}'))
         TO '${pages}' (FORMAT parquet)`,
      );
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
    const { page, consoleErrors, close } = await openChanges('capped', marts);
    try {
      const accounts = await cells(page, '[data-card=changed-accounts] tbody tr');
      expect(accounts).toEqual([['A1', '1', '2026-03-01', '2026-03-01', '2026-03-01: $100.00 → $150.00']]);
      expect(await page.locator('[data-card=changed-accounts] a').count()).toBe(0);
      expect(consoleErrors).toEqual([]);
    } finally {
      await page.close();
      await close();
    }
  });
});
