// The site reads two things a publish replaces: the marts folder and the run's artifacts
// (run_results.json, manifest.json). A publish renames the marts first and the artifacts last, with its
// journal (`<warehouse>.publishing`) beside the warehouse in between. Read while a refresh published, the
// site mixed two runs (one run's digest beside another's charts) and said nothing; after a run killed in
// the middle of its publish, it mixed them until the next run.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** The publish journal of the warehouse a marts folder belongs to (the engine's companion rule, backwards). */
export function journalOfMarts(marts) {
  const name = basename(marts);
  const stem = name.endsWith('-marts') ? name.slice(0, -'-marts'.length) : 'warehouse';
  return join(dirname(marts), `${stem}.duckdb.publishing`);
}

/** What a publish changes: the marts folder (a rename gives it another inode) and the run's id. */
export function publishStamp(paths) {
  let invocation = null;
  try {
    invocation =
      JSON.parse(readFileSync(join(paths.target, 'run_results.json'), 'utf8')).metadata?.invocation_id ??
      null;
  } catch {
    // Missing or damaged: the site says so on its own; only a change matters here.
  }
  let martsInode = null;
  try {
    martsInode = statSync(paths.marts).ino;
  } catch {
    // As above.
  }
  return { invocation, martsInode, publishing: existsSync(journalOfMarts(paths.marts)) };
}

const sameStamp = (a, b) => a.invocation === b.invocation && a.martsInode === b.martsInode;

export class PublishInProgressError extends Error {
  name = 'PublishInProgressError';
}

/**
 * Runs `read` (everything the site reads from the marts and artifacts) on one run's published state:
 * waits while a publish is under way (its journal is there), and reads again when a publish happened
 * meanwhile. A journal that stays is a publish a killed run left halfway: the next `pulse refresh`
 * completes it, and the site refuses until then.
 */
export async function readOnePublishedRun(paths, read, { attempts = 3, waitMs = 30_000, pollMs = 200 } = {}) {
  const journal = journalOfMarts(paths.marts);
  const settled = async () => {
    for (const start = Date.now(); existsSync(journal); ) {
      if (Date.now() - start >= waitMs)
        throw new PublishInProgressError(
          `site data: a publish of the marts in ${paths.marts} is half done (${journal} is there): the marts ` +
            'and run_results.json may be of two runs. Run `pulse refresh` (with the same --warehouse) to complete ' +
            'it, then build the site again.',
        );
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
    return publishStamp(paths);
  };
  for (let attempt = 1; ; attempt++) {
    const before = await settled();
    const result = await read();
    const after = publishStamp(paths);
    if (!after.publishing && sameStamp(before, after)) return result;
    if (attempt >= attempts)
      throw new PublishInProgressError(
        `site data: the marts in ${paths.marts} were published again while the site read them, ${attempts} times: ` +
          'build the site once the refresh is done.',
      );
  }
}
