/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// (page.evaluate callbacks run in the browser, so this file sees DOM types.)
// Checks a rendered page's cards against the Parquet marts: each card's CSV download holds exactly the
// mart rows it claims (the `all` segment, the page's month range, full precision), and its table view
// shows those values as the page formats them.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { parseCsv } from './csv-parse.js';
import {
  CARD_SOURCES,
  type CardSource,
  CSV_ONLY,
  csvText,
  FORMATTED_TABLES,
  NOT_FROM_A_MART,
  RANGE_KEYS,
  tableText,
} from './page-marts.js';

export type Query = (sql: string) => Promise<Record<string, unknown>[]>;

/** The card's CSV, parsed: header and rows. */
export async function downloadCsv(page: Page, cardId: string): Promise<string[][]> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator(`[data-card="${cardId}"] a[data-csv]`).click(),
  ]);
  return parseCsv(await readFile((await download.path())!, 'utf8'));
}

/** The page's month range as its From and To selectors show it ('Jun 2023'), as ISO days; null without one. */
async function pageRange(page: Page): Promise<[string, string] | null> {
  const labels = await page
    .locator('[data-filters] select')
    .evaluateAll((selects) =>
      selects.map((s) => (s as HTMLSelectElement).selectedOptions[0]?.textContent ?? ''),
    );
  const months = labels.filter((l) => /^[A-Z][a-z]{2} \d{4}$/.test(l));
  if (months.length !== 2) return null;
  const iso = (label: string) => new Date(Date.parse(`1 ${label} UTC`)).toISOString().slice(0, 10);
  return [iso(months[0]!), iso(months[1]!)];
}

/** The mart rows a card must show: its `all` segment (or every segment) within the page's month range. */
async function martRows(
  query: Query,
  martsDir: string,
  source: CardSource,
  header: string[],
  range: [string, string] | null,
): Promise<Record<string, unknown>[]> {
  const file = join(martsDir, `${source.mart}.parquet`).replaceAll("'", "''");
  const from = `WITH raw AS (SELECT * FROM read_parquet('${file}')), mart AS (${source.derive ?? 'SELECT * FROM raw'})`;
  const conditions = [source.where ?? 'true'];
  if (header.includes('segment') && !source.everySegment) conditions.push("segment = 'all'");
  const key = RANGE_KEYS.find((k) => header.includes(k));
  if (key && range) conditions.push(`${key} BETWEEN '${range[0]}' AND '${range[1]}'`);
  return query(`${from} SELECT ${header.join(', ')} FROM mart WHERE ${conditions.join(' AND ')}`);
}

/**
 * The cells a card's table view renders (the first rows; Inputs.table adds more on scroll), without the
 * notes written after some values (apps/reports/src/components/table-note.js, e.g. " · to date").
 */
async function tableCells(page: Page, cardId: string, columns: number): Promise<string[][]> {
  const card = page.locator(`[data-card="${cardId}"]`);
  const details = card.locator('details');
  if ((await details.count()) > 0) {
    await details.locator('summary').click();
    await card.locator('table').waitFor();
  }
  return card.locator('table tbody tr').evaluateAll(
    (trs, n) =>
      trs.map((tr) =>
        [...tr.querySelectorAll('td')].slice(-n).map((td) => {
          const cell = td.cloneNode(true) as Element;
          for (const note of cell.querySelectorAll('[data-note]')) note.remove();
          return cell.textContent ?? '';
        }),
      ),
    columns,
  );
}

/**
 * Every card of the page that has a CSV and comes from a mart (or those of them `only` keeps): CSV rows =
 * mart rows, table = formatted. Returns the ids of the cards it compared.
 */
export async function expectCardsEqualMarts(
  page: Page,
  martsDir: string,
  query: Query,
  only: (id: string) => boolean = () => true,
): Promise<string[]> {
  const ids = await page
    .locator('[data-card]:has(a[data-csv])')
    .evaluateAll((cards) => cards.map((c) => c.getAttribute('data-card') ?? ''));
  const range = await pageRange(page);
  const checked: string[] = [];
  for (const id of ids) {
    if (NOT_FROM_A_MART.has(id)) continue;
    const source = CARD_SOURCES[id];
    expect(source, `card ${id} has no mart in test/support/page-marts.ts`).toBeDefined();
    if (!only(id)) continue;
    const [header, ...csvRows] = await downloadCsv(page, id);
    expect(csvRows.length, id).toBeGreaterThan(0);
    const rows = await martRows(query, martsDir, source!, header!, range);
    const asCsv = (r: Record<string, unknown>) => header!.map((c) => csvText(r[c]));
    // The same rows (as a multiset), at full precision.
    expect(csvRows.map((r) => r.join('\u0001')).sort(), id).toEqual(
      rows.map((r) => asCsv(r).join('\u0001')).sort(),
    );
    // The table view shows the first rows in the CSV's order, formatted for reading.
    if (!FORMATTED_TABLES.has(id) && !CSV_ONLY.has(id)) {
      const byCsv = new Map(rows.map((r) => [asCsv(r).join('\u0001'), r]));
      const shown = await tableCells(page, id, header!.length);
      expect(shown.length, id).toBeGreaterThan(0);
      const expected = csvRows
        .slice(0, shown.length)
        .map((r) => header!.map((c) => tableText(byCsv.get(r.join('\u0001'))?.[c])));
      expect(shown, id).toEqual(expected);
    }
    checked.push(id);
  }
  return checked;
}
