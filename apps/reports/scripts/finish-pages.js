// After `observable build`: every page of dist/ finished (scripts/lib/finish-page.js).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { finishPage } from './lib/finish-page.js';

const dist = resolve(process.env.PULSE_REPORTS_DIST || 'dist');
for (const entry of readdirSync(dist, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !entry.name.endsWith('.html')) continue;
  const folder = entry.parentPath ?? entry.path;
  const path = join(folder, entry.name);
  // An account page's file is named by its id as it is (account-pages.js: only ids safe as file names).
  const account =
    basename(folder) === 'accounts' && entry.name !== 'index.html'
      ? entry.name.slice(0, -'.html'.length)
      : undefined;
  const html = readFileSync(path, 'utf8');
  const finished = finishPage(html, { account });
  if (finished !== html) writeFileSync(path, finished);
}
