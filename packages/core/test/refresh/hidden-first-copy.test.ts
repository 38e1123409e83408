import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../../src/index.js';
import { tempDir } from '../support/temp-warehouse.js';
import { folderDigest, runPulse } from './spawn-pulse.js';

const dayAfter = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * G2: an account created after as_of does not exist, nor do its rows, so its copy of an event id takes no
 * part in choosing the copy that counts: a later copy of an existing account counts, on its own day. (Until
 * stop 45 the first copy was chosen before the accounts join, and such a copy hid the later one.) When the
 * earlier copy leaves its file, the refresh keeps exactly what a full build gives.
 */
describe('pulse refresh: a first copy of an event id from an account that does not exist yet', () => {
  let root: string;
  let cleanup: () => Promise<void>;
  const raw = () => join(root, 'data', 'raw');
  beforeAll(async () => {
    ({ dir: root, cleanup } = await tempDir('pulse-hidden-copy-'));
    const generated = await runPulse(
      ['generate', '--out', raw(), '--accounts', '30', '--months', '4', '--seed', '3'],
      root,
    );
    expect(generated.code).toBe(0);
  });
  afterAll(() => cleanup());

  it('hides nothing: the later copy counts on its own day, before and after the first copy goes from its file, as in a full build', async () => {
    const [header, ...lines] = (await readFile(join(raw(), 'accounts.csv'), 'utf8')).trimEnd().split('\n');
    const createdAt = header!
      .split(',')
      .map((name) => name.trim().toLowerCase())
      .indexOf('created_at');
    const accounts = lines
      .filter((line) => !line.includes('"'))
      .map((line) => line.split(','))
      .map((fields) => ({ id: fields[0]!, created: fields[createdAt]!.slice(0, 10) }))
      .sort((a, b) => a.created.localeCompare(b.created) || a.id.localeCompare(b.id));
    const [early, late] = [accounts[0]!, accounts.at(-1)!];
    // as_of pinned before the last signup: that account is in the export but not yet in stg_accounts.
    const asOf = dayAfter(late.created, -1);
    expect(asOf > dayAfter(early.created, 2)).toBe(true);
    await writeFile(join(root, 'data', 'pulse.config.json'), JSON.stringify({ as_of: asOf }));
    const header5 = 'event_id,account_id,user_id,event_name,occurred_at\n';
    const hiding = join(raw(), 'events', 'hiding.csv');
    await writeFile(
      hiding,
      `${header5}HIDDEN-1,${late.id},u-late,login,${dayAfter(early.created, 1)}T10:00:00Z\n` +
        `OTHER-1,${early.id},u-early,login,${dayAfter(early.created, 1)}T11:00:00Z\n`,
    );
    await writeFile(
      join(raw(), 'events', 'later-copy.csv'),
      `${header5}HIDDEN-1,${early.id},u-early,report_viewed,${dayAfter(early.created, 2)}T10:00:00Z\n`,
    );
    const first = await runPulse(['refresh'], root);
    expect({ code: first.code, stderr: first.stderr }).toEqual({ code: 0, stderr: '' });
    expect(await laterCopyRows(join(root, 'data', 'warehouse.duckdb'))).toBe(1);

    // The first copy, of the account that does not exist yet, goes from its file.
    await writeFile(
      hiding,
      `${header5}OTHER-1,${early.id},u-early,login,${dayAfter(early.created, 1)}T11:00:00Z\n`,
    );
    const refreshed = await runPulse(['refresh'], root);
    expect({ code: refreshed.code, stderr: refreshed.stderr }).toEqual({ code: 0, stderr: '' });
    expect(refreshed.stdout).toMatch(
      /built staging\.stg_events \(table, \d+ rows, rebuilt \d+ partitions?: /,
    );
    expect(await laterCopyRows(join(root, 'data', 'warehouse.duckdb'))).toBe(1);

    const full = await runPulse(
      [
        'build',
        '--data',
        raw(),
        '--warehouse',
        join(root, 'full', 'wh.duckdb'),
        '--marts',
        join(root, 'full', 'marts'),
      ],
      root,
    );
    expect({ code: full.code, stderr: full.stderr }).toEqual({ code: 0, stderr: '' });
    expect(await laterCopyRows(join(root, 'full', 'wh.duckdb'))).toBe(1);
    expect(await folderDigest(join(root, 'data', 'marts'))).toEqual(
      await folderDigest(join(root, 'full', 'marts')),
    );
  });
});

/** stg_events rows read from later-copy.csv. */
async function laterCopyRows(path: string): Promise<number> {
  const db = await Warehouse.open(path, { readOnly: true });
  try {
    const [row] = await db.query<{ n: number }>(
      "select count(*)::integer as n from staging.stg_events where source_file = 'events/later-copy.csv'",
    );
    return row!.n;
  } finally {
    await db.close();
  }
}
