#!/usr/bin/env node
// The last step of a site build: the finished site (built into `<site>.next`) replaces the published
// one. Until here the published site is untouched, so a build that fails anywhere leaves it as it was.
// Both renames are within one parent folder, so each is atomic; between them there is no site for
// a moment, never half of one.
import { existsSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { siteOutputFolders, unsafeSiteFolders } from './lib/site-output.js';

const folders = siteOutputFolders();
// Checked again: a folder of other files may have appeared under one of these names since prepare-build.
const unsafe = unsafeSiteFolders(folders);
if (unsafe) {
  console.error(`publish-site: ${unsafe}, so the new site is left in ${folders.staging}.`);
  process.exit(2);
}
await rm(folders.retired, { recursive: true, force: true });
if (existsSync(folders.published)) await rename(folders.published, folders.retired);
await rename(folders.staging, folders.published);
await rm(folders.retired, { recursive: true, force: true });
