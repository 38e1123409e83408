/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// (page.evaluate callbacks run in the browser, so this file sees DOM types.)
// Debian's chromium driven by playwright-core (never `npx playwright install`), with every request
// to a host other than the local server recorded and aborted.
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { CHROMIUM } from './chromium.js';

/** playwright gives every launch a fresh temporary profile (it refuses an explicit --user-data-dir). */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

const isLocal = (url: string) => {
  const { protocol, hostname } = new URL(url);
  return protocol === 'data:' || protocol === 'blob:' || hostname === '127.0.0.1' || hostname === 'localhost';
};

export interface PageVisit {
  readonly page: Page;
  readonly consoleErrors: string[];
  readonly foreignRequests: string[];
  readonly failedRequests: string[];
}

/** Opens url in a fresh page, collecting console errors, page errors and off-host requests. */
export async function visit(context: BrowserContext, url: string): Promise<PageVisit> {
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  const foreignRequests: string[] = [];
  const failedRequests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(String(error)));
  page.on('requestfailed', (request) => {
    if (isLocal(request.url())) failedRequests.push(request.url());
  });
  page.on('response', (response) => {
    if (response.status() >= 400) failedRequests.push(`${response.status()} ${response.url()}`);
  });
  await page.route('**/*', (route) => {
    const requested = route.request().url();
    if (isLocal(requested)) return route.continue();
    foreignRequests.push(requested);
    return route.abort();
  });
  await page.goto(url, { waitUntil: 'networkidle' });
  return { page, consoleErrors, foreignRequests, failedRequests };
}

/** Waits until every chart figure holds an SVG or says it is empty, and every KPI card its sparkline. */
export async function waitForCharts(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const figures = [...document.querySelectorAll('figure[data-chart]')];
      const drawn = figures.every((f) => f.getAttribute('data-empty') === 'true' || f.querySelector('svg'));
      const kpis = [...document.querySelectorAll('[data-kpi] .big[data-value]')];
      const sparklines = kpis.every(
        (k) => k.getAttribute('data-value') === '' || k.parentElement?.querySelector('svg'),
      );
      return document.querySelector('[data-provenance]') !== null && drawn && sparklines;
    },
    undefined,
    { timeout: 20_000 },
  );
}
