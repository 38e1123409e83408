// The site read the marts and run_results.json while a refresh published: one run's digest beside
// another's charts, exit 0; after a run killed in the middle of its publish, until the next run.
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  journalOfMarts,
  PublishInProgressError,
  readOnePublishedRun,
} from '../scripts/lib/publish-consistency.js';

let root;
let paths;
const publishRun = (id) => {
  // As a publish does: a new marts folder renamed into place, then the artifacts.
  mkdirSync(join(root, 'marts.next'));
  rmSync(paths.marts, { recursive: true, force: true });
  renameSync(join(root, 'marts.next'), paths.marts);
  writeFileSync(join(paths.target, 'run_results.json'), JSON.stringify({ metadata: { invocation_id: id } }));
};

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'pulse-site-publish-'));
  paths = { marts: join(root, 'marts'), target: join(root, 'target') };
  mkdirSync(paths.marts);
  mkdirSync(paths.target);
  writeFileSync(
    join(paths.target, 'run_results.json'),
    JSON.stringify({ metadata: { invocation_id: 'r1' } }),
  );
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('the site reads one published run', () => {
  it('finds the journal of the warehouse a marts folder belongs to', () => {
    expect(journalOfMarts('/x/marts')).toBe('/x/warehouse.duckdb.publishing');
    expect(journalOfMarts('/x/wh-marts')).toBe('/x/wh.duckdb.publishing');
  });

  it('reads once when nothing is published meanwhile', async () => {
    let reads = 0;
    expect(await readOnePublishedRun(paths, async () => ++reads)).toBe(1);
  });

  it('reads again when a publish replaced the marts and artifacts while it read', async () => {
    let reads = 0;
    const result = await readOnePublishedRun(paths, async () => {
      reads += 1;
      if (reads === 1) publishRun('r2');
      return reads;
    });
    expect(result).toBe(2);
  });

  it('waits for a publish under way, then reads', async () => {
    const journal = journalOfMarts(paths.marts);
    writeFileSync(journal, '{}');
    setTimeout(() => rmSync(journal), 150);
    let reads = 0;
    expect(await readOnePublishedRun(paths, async () => ++reads, { waitMs: 5_000, pollMs: 20 })).toBe(1);
  });

  it('refuses a publish a killed run left halfway, saying to run pulse refresh', async () => {
    writeFileSync(journalOfMarts(paths.marts), '{}');
    const error = await readOnePublishedRun(paths, async () => 1, { waitMs: 100, pollMs: 20 }).catch(
      (caught) => caught,
    );
    expect(error).toBeInstanceOf(PublishInProgressError);
    expect(error.message).toContain('is half done');
    expect(error.message).toContain('Run `pulse refresh`');
  });

  it('gives up after publishes during every attempt', async () => {
    let reads = 0;
    const error = await readOnePublishedRun(
      paths,
      async () => {
        reads += 1;
        publishRun(`r${reads + 1}`);
      },
      { attempts: 2 },
    ).catch((caught) => caught);
    expect(error).toBeInstanceOf(PublishInProgressError);
    expect(reads).toBe(2);
  });
});
