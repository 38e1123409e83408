/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// (page.evaluate callbacks run in the browser, so this file sees DOM types.)
// Accessibility checks (WCAG 2.1 AA) of the site's own code in Debian's chromium, on the bundled sample
// built by the real pipeline: what a keyboard, low-vision or colour-blind reader relies on beyond what
// site.test.ts's "for every reader" checks. The site's code, whatever the data: one fixture.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, visit, waitForCharts } from '../support/site-browser.js';
import { buildSampleProject, buildSite } from '../support/site-build.js';
import { copySite } from '../support/site-copy.js';
import { type StaticServer, serveStatic } from '../support/site-server.js';

const work = mkdtempSync(join(tmpdir(), 'pulse-a11y-site-'));
let siteDir: string;
let server: StaticServer;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  // One account page keeps the build short: these tests visit the report pages only.
  const inputs = await buildSampleProject(join(work, 'project'), {}, { account_pages_max: 1 });
  siteDir = copySite('a11y');
  const site = await buildSite(inputs, join(work, 'dist'), siteDir);
  server = await serveStatic(site.distDir);
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
  rmSync(work, { recursive: true, force: true });
  if (siteDir) rmSync(siteDir, { recursive: true, force: true });
});

describe('for every reader', () => {
  it('churn: every number on a cohort heatmap cell reads at 4.5:1 or more on its cell, in the light and the dark scheme', async () => {
    const { page } = await visit(context, `${server.url}/churn`);
    try {
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme });
        await waitForCharts(page);
        const numbers = await page.evaluate(() => {
          const luminance = (css: string) => {
            const [r, g, b] = /rgb\((\d+), (\d+), (\d+)\)/
              .exec(css)!
              .slice(1, 4)
              .map((v) => {
                const c = Number(v) / 255;
                return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
              });
            return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
          };
          const contrast = (a: string, b: string) => {
            const [x, y] = [luminance(a), luminance(b)];
            return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
          };
          const figures = document.querySelectorAll('figure[data-chart^="cohort-"]');
          return [...figures].flatMap((figure) => {
            const cells = [...figure.querySelectorAll('g[aria-label="cell"] rect')];
            return [...figure.querySelectorAll('g[aria-label="text"] text')]
              .filter((text) => text.textContent !== '')
              .map((text) => {
                const box = text.getBoundingClientRect();
                const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
                // The cell under the number, the last drawn there (over a suppressed cell's shade); the
                // running month's outlines are unfilled cells drawn over it, so they are passed over.
                const cell = cells.findLast((rect) => {
                  const at = rect.getBoundingClientRect();
                  const inside = x >= at.left && x <= at.right && y >= at.top && y <= at.bottom;
                  return inside && getComputedStyle(rect).fill !== 'none';
                });
                const fill = cell ? getComputedStyle(cell).fill : null;
                const ink = getComputedStyle(text).fill;
                return {
                  text: text.textContent,
                  fill,
                  ink,
                  contrast: fill ? contrast(ink, fill) : 0,
                };
              });
          });
        });
        // The sample's cohorts are old enough for numbers across the whole scale.
        expect(numbers.length, colorScheme).toBeGreaterThan(50);
        expect(
          numbers.filter((n) => !(n.contrast >= 4.5)),
          colorScheme,
        ).toEqual([]);
      }
    } finally {
      await page.close();
    }
  });

  it('the sidebar toggle shows keyboard focus at desktop width, with the sidebar open and closed', async () => {
    const { page } = await visit(context, `${server.url}/`);
    try {
      await waitForCharts(page);
      const toggle = page.locator('#observablehq-sidebar-toggle');
      // The left of the page (toggle, sidebar) as the reader sees it with the toggle focused from the
      // keyboard, against the same without focus: a focus indicator is a difference.
      const left = () => page.screenshot({ clip: { x: 0, y: 0, width: 320, height: 900 } });
      const focusShows = async () => {
        await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
        const unfocused = await left();
        await page.focus('.pulse-skip-link');
        await page.keyboard.press('Tab');
        expect(
          await toggle.evaluate((t) => t === document.activeElement && t.matches(':focus-visible')),
        ).toBe(true);
        return !(await left()).equals(unfocused);
      };
      expect(await page.isVisible('#observablehq-sidebar'), 'open at desktop width').toBe(true);
      expect(await focusShows(), 'sidebar open').toBe(true);
      // Space on the focused toggle opens and closes the sidebar, as a click does, until it is closed.
      for (let i = 0; i < 2 && (await page.isVisible('#observablehq-sidebar')); i++) {
        await page.keyboard.press('Space');
        await page.waitForTimeout(300);
      }
      expect(await page.isVisible('#observablehq-sidebar'), 'closed').toBe(false);
      expect(await focusShows(), 'sidebar closed').toBe(true);
    } finally {
      await page.close();
    }
  });

  it('overview: every link in running text, table cells and the footer is underlined, not told apart by colour alone', async () => {
    const { page } = await visit(context, `${server.url}/`);
    try {
      await waitForCharts(page);
      const links = await page.$$eval('#observablehq-main a[href], #observablehq-footer a[href]', (found) =>
        found
          // A heading's own anchor is drawn as the heading, not as a link in text.
          .filter((a) => !a.closest('h1, h2, h3, h4, h5, h6'))
          .map((a) => ({ text: a.textContent?.trim(), line: getComputedStyle(a).textDecorationLine })),
      );
      expect(links.map((l) => l.text)).toContain('Definitions');
      expect(links.filter((l) => !l.line.includes('underline'))).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("Escape closes a chart's tooltip, shown under the pointer or pinned by a click", async () => {
    const { page } = await visit(context, `${server.url}/mrr`);
    try {
      await waitForCharts(page);
      const chart = 'figure[data-chart="mrr-movements"]';
      // The pointer over the centre of the tallest bar; found again on every poll, since the chart is
      // drawn anew when the page learns its width.
      const barCentre = () =>
        page.evaluate((figure) => {
          const boxes = [...document.querySelectorAll(`${figure} g[aria-label="rect"] rect`)]
            .map((bar) => bar.getBoundingClientRect())
            .filter((box) => box.height > 2);
          const tallest = boxes.sort((a, b) => b.height - a.height)[0]!;
          return { x: tallest.x + tallest.width / 2, y: tallest.y + tallest.height / 2 };
        }, chart);
      const tipText = () =>
        page.$$eval(`${chart} g[aria-label="tip"]`, (tips) =>
          tips.map((tip) => tip.textContent ?? '').join(''),
        );
      const hover = async () => {
        const { x, y } = await barCentre();
        await page.mouse.move(x, y);
        return tipText();
      };
      await expect.poll(hover, { timeout: 15_000 }).toMatch(/Month/);
      await page.keyboard.press('Escape');
      expect(await tipText(), 'under the pointer').toBe('');
      // A click pins the tip (it stays when the pointer leaves); Escape closes it too.
      await expect.poll(hover, { timeout: 15_000 }).toMatch(/Month/);
      await page.mouse.down();
      await page.mouse.up();
      await page.mouse.move(1, 1);
      expect(await tipText(), 'pinned').toMatch(/Month/);
      await page.keyboard.press('Escape');
      expect(await tipText(), 'pinned').toBe('');
    } finally {
      await page.close();
    }
  });

  it('tables: the sorted column says its order (aria-sort), by click or keyboard, and no column header is unnamed', async () => {
    const { page } = await visit(context, `${server.url}/`);
    try {
      await waitForCharts(page);
      const card = page.locator('.card', { hasText: 'The numbers behind the cards' });
      const headers = card.locator('thead th[title]');
      const sorted = () =>
        card
          .locator('thead th')
          .evaluateAll((ths) =>
            ths
              .filter((th) => th.hasAttribute('aria-sort'))
              .map((th) => `${th.getAttribute('title')} ${th.getAttribute('aria-sort')}`),
          );
      expect(await sorted()).toEqual([]);
      await headers.nth(2).click();
      expect(await sorted()).toEqual(['mrr ascending']);
      await headers.nth(2).click();
      expect(await sorted()).toEqual(['mrr descending']);
      await headers.nth(0).focus();
      await page.keyboard.press('Enter');
      expect(await sorted()).toEqual(['month ascending']);
      // As a screen reader gets the table: every column header named, no row led by an unnamed cell.
      const tree = await card.locator('table').ariaSnapshot();
      expect(tree).toMatch(/- columnheader "month"/);
      expect(tree).not.toMatch(/- columnheader\s*$/m);
      expect(tree).not.toMatch(/- row "[^"]*":\n\s*- cell\s*$/m);
    } finally {
      await page.close();
    }
  });

  it('data-quality at 320 px: every model name beside the test results fits the chart, a shortened one titled in full', async () => {
    const phone = await browser.newContext({ viewport: { width: 320, height: 800 } });
    try {
      const { page } = await visit(phone, `${server.url}/data-quality`);
      await waitForCharts(page);
      const labels = await page.evaluate(() => {
        const svg = [...document.querySelectorAll('figure[data-chart="test-results"] svg')].find((s) =>
          s.querySelector('g[aria-label="bar"]'),
        )!;
        const frame = svg.getBoundingClientRect();
        return [...svg.querySelectorAll('g[aria-label="y-axis tick label"] text')].map((text) => {
          const box = text.getBoundingClientRect();
          const shown = [...text.childNodes]
            .filter((n) => n.nodeName !== 'title')
            .map((n) => n.textContent)
            .join('');
          return {
            shown,
            title: text.querySelector('title')?.textContent ?? null,
            inside: box.left >= frame.left - 0.5 && box.right <= frame.right + 0.5,
          };
        });
      });
      expect(labels.length).toBeGreaterThan(5);
      expect(labels.filter((l) => !l.inside)).toEqual([]);
      // Each label is the model's name, or a shortening of it with the name in full as its title.
      for (const label of labels) {
        if (label.title === null) expect(label.shown).not.toContain('…');
        else expect(label.shown).toContain('…');
      }
      expect(labels.some((l) => l.title !== null)).toBe(true);
    } finally {
      await phone.close();
    }
  });
});
