#!/usr/bin/env node
// The last step of a site build: the finished site (built into `<site>.next`) replaces the published
// one. Until here the published site is untouched, so a build that fails anywhere leaves it as it was.
// Both renames are within one parent folder, so each is atomic; between them there is no site for
// a moment, never half of one. A site folder that cannot be renamed (a mount point) has its contents
// replaced instead.
import { existsSync } from 'node:fs';
import { cp, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { siteOutputFolders, unsafeSiteFolders } from './lib/site-output.js';

const folders = siteOutputFolders();
// Checked again: a folder of other files may have appeared under one of these names since prepare-build.
const unsafe = unsafeSiteFolders(folders);
if (unsafe) {
  console.error(`publish-site: ${unsafe}, so the new site is left in ${folders.staging}.`);
  process.exit(2);
}
await rm(folders.retired, { recursive: true, force: true });
try {
  if (existsSync(folders.published)) await rename(folders.published, folders.retired);
  await rename(folders.staging, folders.published);
} catch (error) {
  // A site folder that is a mount point (a container volume, a bind mount a web server reads) cannot be
  // renamed: its contents are replaced instead, as a build did before it was staged.
  if (!['EBUSY', 'EXDEV', 'EPERM'].includes(error.code) || !existsSync(folders.published)) throw error;
  for (const entry of await readdir(folders.published))
    await rm(join(folders.published, entry), { recursive: true, force: true });
  await cp(folders.staging, folders.published, { recursive: true });
  await rm(folders.staging, { recursive: true, force: true });
}
await rm(folders.retired, { recursive: true, force: true });
