// After `observable build`: every page of the new site (built into `<site>.next`) finished (scripts/lib/finish-page.js).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { finishPage } from './lib/finish-page.js';
import { siteOutputFolders } from './lib/site-output.js';

const dist = siteOutputFolders().staging;
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
