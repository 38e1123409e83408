#!/usr/bin/env node
// Runs before `observable build`: writes every document of the data loader (src/data/[name].json.js,
// the same siteData function) into Framework's loader cache, each stamped with the run's time.
// Framework publishes an attachment's mtime in the page HTML (FileAttachment.lastModified) and a build
// uses any cached loader output, so two builds of one run give a byte-identical dist/. `npm run dev`
// removes them first (scripts/dev.js), so the preview runs the loader over the data it was given.
import { existsSync } from 'node:fs';
import { mkdir, rm, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { accountDocuments } from './lib/account-pages.js';
import { APP_DIR, dataPaths } from './lib/paths.js';
import { PublishInProgressError, readOnePublishedRun } from './lib/publish-consistency.js';
import { SITE_DATA_NAMES, siteData, siteInputs } from './lib/site-data.js';

// No marts folder at all is a wrong path (PULSE_MARTS_DIR is read from the site's folder), not marts a
// build left out: it built a site of 14 empty pages and exited 0.
const { marts } = dataPaths();
if (!existsSync(marts)) {
  console.error(
    `site data: the marts folder ${marts} does not exist. Run \`pulse build\` (or \`npx turbo build\`) first, ` +
      'or set PULSE_MARTS_DIR to the absolute path of the marts folder a build published.',
  );
  process.exit(2);
}

const cache = join(APP_DIR, 'src', '.observablehq', 'cache');
const dir = join(cache, 'data');
const accountsDir = join(cache, 'accounts');
let documents;
try {
  // One run's marts and artifacts: read again if a refresh published meanwhile (publish-consistency.js).
  // How long a publish under way is waited for (PULSE_PUBLISH_WAIT_SECONDS, default 30: a publish is two
  // renames, seconds at most; a journal still there after that was left by a killed run).
  const waitSeconds = Number(process.env.PULSE_PUBLISH_WAIT_SECONDS || 30);
  documents = await readOnePublishedRun(dataPaths(), warm, { waitMs: waitSeconds * 1000 });
} catch (error) {
  if (!(error instanceof PublishInProgressError)) throw error;
  console.error(error.message);
  process.exit(2);
}
const { inputs, accounts } = documents;

async function warm() {
  await rm(dir, { recursive: true, force: true });
  await rm(accountsDir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await mkdir(accountsDir, { recursive: true });
  const inputs = siteInputs();
  const seconds = (Date.parse(inputs.run?.generated_at ?? inputs.run?.as_of ?? '') || 0) / 1000;
  for (const name of SITE_DATA_NAMES) {
    const file = join(dir, `${name}.json`);
    await writeFile(file, `${JSON.stringify(await siteData(name, inputs))}\n`);
    await utimes(file, seconds, seconds);
  }
  // The account pages' loader (src/accounts/[account].json.js), every page's document in one pass.
  const accounts = await accountDocuments(inputs);
  for (const [id, document] of accounts) {
    const file = join(accountsDir, `${id}.json`);
    await writeFile(file, `${JSON.stringify(document)}\n`);
    await utimes(file, seconds, seconds);
  }
  return { inputs, accounts };
}
console.log(
  `site data: ${SITE_DATA_NAMES.length} documents and ${accounts.size} account pages from ${inputs.paths.marts} and ${inputs.paths.target}` +
    (inputs.run ? '' : ' (no run_results.json)'),
);
