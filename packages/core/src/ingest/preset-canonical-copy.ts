import { ConfigError } from '../config/config-error.js';
import type { DataFolder } from './data-folder.js';
import { findSourceFiles } from './source-files.js';
import type { SourcePath } from './source-path.js';

/** Which preset feeds a source, and the other way out of the conflict than removing the canonical copy. */
export interface PresetFeed {
  /** The key under `presets`: `stripe`, `hubspot` … */
  readonly preset: string;
  /** E.g. `leave "accounts" out of presets.stripe.provides`. */
  readonly otherwise: string;
  /** The preset's own `path`, when it may reach the canonical place (a mapping preset's): then that is its export. */
  readonly path?: SourcePath;
}

/**
 * A source fed by a preset is read only from the preset (ADAPTERS.md section 2): its canonical file or
 * folder beside the preset is a configuration error naming both, rather than a silent choice of one of
 * them. One rule for every preset, whether it derives its sources by code or by a shipped mapping.
 */
export async function checkNoCanonicalCopy(
  place: { readonly dataDir: string; readonly folder: DataFolder },
  source: string,
  feed: PresetFeed,
): Promise<void> {
  const canonical = await findSourceFiles(place.dataDir, source, place.folder).catch(() => undefined);
  if (!canonical?.present) return;
  const copies = canonical.files.filter((file) => !feed.path?.claims(file.relativePath));
  const ownFolder = canonical.files.length === 0 && feed.path?.topName === source;
  if ((canonical.files.length > 0 && copies.length === 0) || ownFolder) return;
  const first = copies[0]?.relativePath;
  const shown = first === undefined || first.includes('/') ? `${source}/` : first;
  throw new ConfigError(
    `${shown} is in the data folder, but presets.${feed.preset} in pulse.config.json provides ${source}: ` +
      `remove ${shown}, or ${feed.otherwise}.`,
  );
}
