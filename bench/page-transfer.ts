// What each page of a built site transfers when a reader opens it: every response the browser receives
// until the network is idle (HTML, JS, CSS, data), uncompressed, summed. Framework's build summary counts
// every file a page references, including whole lists fetched only when their CSV is downloaded; this is
// what a reader's browser actually loads. Each page in a fresh browser context (nothing cached), until
// two seconds pass with no new response.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { launchBrowser } from '../test/support/site-browser.js';
import { serveStatic } from '../test/support/site-server.js';

export interface PageTransfer {
  readonly page: string;
  readonly kb: number;
  readonly requests: number;
}

/** The site's top-level pages, the accounts index and one account page (they all weigh about the same). */
async function pagesOf(dist: string): Promise<string[]> {
  const html = (names: string[]) => names.filter((n) => n.endsWith('.html')).map((n) => n.slice(0, -5));
  const top = html(await readdir(dist)).filter((p) => p !== '404');
  const accounts = html(await readdir(join(dist, 'accounts')).catch(() => []));
  const oneAccount = accounts.find((p) => p !== 'index');
  return [
    ...top.sort(),
    ...(accounts.includes('index') ? ['accounts/index'] : []),
    ...(oneAccount ? [`accounts/${oneAccount}`] : []),
  ];
}

export async function pageTransfers(dist: string): Promise<PageTransfer[]> {
  const server = await serveStatic(dist);
  const browser = await launchBrowser();
  try {
    const out: PageTransfer[] = [];
    for (const page of await pagesOf(dist)) {
      const context = await browser.newContext();
      const tab = await context.newPage();
      const bodies: Promise<number>[] = [];
      tab.on('response', (response) => {
        bodies.push(
          response
            .body()
            .then((b) => b.length)
            .catch(() => 0),
        );
      });
      const path = page === 'index' ? '/' : `/${page.replace(/\/index$/, '/')}`;
      await tab.goto(`${server.url}${path}`, { waitUntil: 'networkidle' });
      // A page fetches its data after its modules ran, sometimes after a quiet moment that ends
      // "networkidle": wait until two seconds pass with no new response.
      for (let seen = -1; seen !== bodies.length; ) {
        seen = bodies.length;
        await tab.waitForTimeout(2000);
      }
      const sizes = await Promise.all(bodies);
      out.push({
        page,
        kb: Math.round(sizes.reduce((sum, n) => sum + n, 0) / 1000),
        requests: sizes.length,
      });
      await context.close();
    }
    return out;
  } finally {
    await browser.close();
    await server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dist = process.argv[2];
  if (!dist) throw new Error('usage: npx tsx bench/page-transfer.ts <site dist folder>');
  for (const p of await pageTransfers(dist)) console.log(`${p.page}\t${p.kb} KB\t${p.requests} requests`);
}
