import { readFileSync } from 'node:fs';

let cachedVersion: string | undefined;

/** The version of @pulse/core, read from its package.json (no build step stamps it in). */
export function pulseVersion(): string {
  cachedVersion ??= (
    JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
  ).version;
  return cachedVersion;
}
