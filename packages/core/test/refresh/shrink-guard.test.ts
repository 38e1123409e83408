import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRunLog } from '../../src/refresh/run-log.js';
import { tempDir } from '../support/temp-warehouse.js';
import { folderDigest, runPulse, sha256File } from './spawn-pulse.js';

/**
 * A truncated or half-synced export must not replace good numbers: an empty required source, or a source
 * that lost more than `max_shrink` of its loaded rows, fails the refresh unless `--allow-shrink`.
 */
describe('pulse refresh: the shrink guard', () => {
  let root: string;
  let cleanup: () => Promise<void>;
  const raw = (...parts: string[]) => join(root, 'data', 'raw', ...parts);
  const warehouse = () => join(root, 'data', 'warehouse.duckdb');
  const marts = () => join(root, 'data', 'marts');
  const config = (extra: object) =>
    writeFile(join(root, 'data', 'pulse.config.json'), JSON.stringify({ as_of: '2026-10-31', ...extra }));
  let accounts: string;
  let invoices: string;

  beforeAll(async () => {
    ({ dir: root, cleanup } = await tempDir('pulse-shrink-'));
    const generated = await runPulse(
      ['generate', '--out', raw(), '--accounts', '30', '--months', '4', '--seed', '3'],
      root,
    );
    expect(generated.code).toBe(0);
    await config({});
    accounts = await readFile(raw('accounts.csv'), 'utf8');
    invoices = await readFile(raw('invoices.csv'), 'utf8');
    const first = await runPulse(['refresh'], root);
    expect({ code: first.code, stderr: first.stderr }).toEqual({ code: 0, stderr: '' });
  });
  afterAll(() => cleanup());

  it('a zero-byte required file fails the refresh, naming the sources and counts; nothing is published', async () => {
    const before = { warehouse: await sha256File(warehouse()), marts: await folderDigest(marts()) };
    await writeFile(raw('accounts.csv'), '');
    const refused = await runPulse(['refresh'], root);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('accounts: 0 rows loaded (30 in the published warehouse)');
    // Every subscription is now an orphan: read, but none loaded.
    expect(refused.stderr).toMatch(
      /subscriptions: 0 rows loaded of 41 read \(41 quarantined: orphan_account 41\)/,
    );
    expect(refused.stderr).toContain('--allow-shrink');
    expect(refused.stderr).not.toContain('    at ');
    expect({ warehouse: await sha256File(warehouse()), marts: await folderDigest(marts()) }).toEqual(before);
    expect(refused.stderr).toMatch(
      /^pulse refresh: Refusing to publish: accounts, .*subscriptions.* lost too many rows:$/m,
    );
    // `pulse status` shows a failed run's first line: it names the sources.
    const status = await runPulse(['status'], root);
    expect(status.stdout).toMatch(/failed\s+.*— Refusing to publish: accounts, /);
    const last = (await readRunLog(warehouse())).at(-1);
    expect(last?.status).toBe('failed');
    expect(last?.message).toContain('accounts: 0 rows loaded');
  });

  it('a source that lost more than half its rows fails; max_shrink in the config sets the share', async () => {
    await writeFile(raw('accounts.csv'), accounts);
    const lines = invoices.trimEnd().split('\n');
    await writeFile(raw('invoices.csv'), `${lines.slice(0, 10).join('\n')}\n`);
    const refused = await runPulse(['refresh'], root);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('invoices: 9 rows loaded, 30 in the published warehouse (-70%');
    expect(refused.stderr).toContain('max_shrink 0.5');

    await config({ max_shrink: 0.8 });
    const accepted = await runPulse(['refresh'], root);
    expect({ code: accepted.code, stderr: accepted.stderr }).toEqual({ code: 0, stderr: '' });
  });

  it('--allow-shrink publishes the shrunken data', async () => {
    await config({});
    await writeFile(raw('invoices.csv'), `${invoices.trimEnd().split('\n').slice(0, 2).join('\n')}\n`);
    const before = await sha256File(warehouse());
    expect((await runPulse(['refresh'], root)).code).toBe(1);
    const allowed = await runPulse(['refresh', '--allow-shrink'], root);
    expect({ code: allowed.code, stderr: allowed.stderr }).toEqual({ code: 0, stderr: '' });
    expect(await sha256File(warehouse())).not.toBe(before);
  });

  it('pulse build refuses an empty required source unless --allow-shrink', async () => {
    await writeFile(raw('accounts.csv'), '');
    const before = await sha256File(warehouse());
    const refused = await runPulse(['build'], root);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('accounts: 0 rows loaded');
    expect(refused.stderr).toContain('pulse build --allow-shrink');
    expect(await sha256File(warehouse())).toBe(before);
    const allowed = await runPulse(['build', '--allow-shrink'], root);
    expect(allowed.code).toBe(0);
    await writeFile(raw('accounts.csv'), accounts);
  });
});

describe('no published warehouse: nothing to protect, an empty required source is simply empty (the contract)', () => {
  it('pulse build and then pulse refresh publish a folder whose subscriptions.csv has a header and no rows', async () => {
    const { dir: root, cleanup } = await tempDir('pulse-shrink-first-');
    try {
      const raw = (...parts: string[]) => join(root, 'data', 'raw', ...parts);
      const generated = await runPulse(
        ['generate', '--out', raw(), '--accounts', '10', '--months', '2', '--seed', '5'],
        root,
      );
      expect(generated.code).toBe(0);
      const [header] = (await readFile(raw('subscriptions.csv'), 'utf8')).split('\n');
      await writeFile(raw('subscriptions.csv'), `${header}\n`);
      // Before: exit 1, "Refusing to publish: subscriptions … a required source is empty", nothing published.
      const built = await runPulse(['build'], root);
      expect({ code: built.code, stderr: built.stderr }).toEqual({ code: 0, stderr: '' });
      expect(built.stdout).toMatch(/subscriptions +0 read = 0 loaded \+ 0 quarantined/);
      // Empty when published too: a refresh of one more day of events is no shrink.
      await writeFile(
        raw('events', 'one-more.csv'),
        'event_id,account_id,user_id,event_name,occurred_at\nMORE-1,00001,u1,login,2026-01-01T00:00:00Z\n',
      );
      const refreshed = await runPulse(['refresh'], root);
      expect({ code: refreshed.code, stderr: refreshed.stderr }).toEqual({ code: 0, stderr: '' });
    } finally {
      await cleanup();
    }
  });
});
