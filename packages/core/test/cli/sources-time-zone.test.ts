import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Warehouse } from '../../src/index.js';
import { pulseInProcess } from '../support/capture-io.js';
import { tempDir } from '../support/temp-warehouse.js';

const PROJECT = fileURLToPath(new URL('../fixtures/sources-project/project.ts', import.meta.url));

interface Feed {
  readonly column: string;
  readonly time_zone: string | null;
}

// `pulse sources` shows a source's time zone on the columns whose values it moves, as ingestion decides
// (ingest/time-zone-reach.ts): not on a Parquet timestamp with a time zone (an instant: isAdjustedToUTC),
// nor on a pattern that reads the zone from the value (%z, a literal Z).
describe('pulse sources: the time zone of columns the zone moves, and only those', () => {
  let root: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dir: root, cleanup } = await tempDir('pulse-sources-tz-'));
  });
  afterEach(() => cleanup());

  const write = async (files: Record<string, string>) => {
    for (const [path, text] of Object.entries(files)) {
      await mkdir(dirname(join(root, path)), { recursive: true });
      await writeFile(join(root, path), text);
    }
  };
  /** A Parquet file of accounts whose created_at has the DuckDB type of `created` (TIMESTAMPTZ or TIMESTAMP). */
  const writeAccounts = async (file: string, id: string, created: string) => {
    await mkdir(join(root, 'data', 'raw', 'accounts'), { recursive: true });
    const writer = await Warehouse.open(':memory:');
    try {
      await writer.exec(
        `copy (select '${id}' as account_id, 'Acme' as name, ${created} as created_at)
           to '${join(root, 'data', 'raw', 'accounts', file)}' (format parquet)`,
      );
    } finally {
      await writer.close();
    }
  };
  const run = (...argv: string[]) => pulseInProcess(root, argv);
  const buildAndExplain = async (config: unknown) => {
    await write({ 'data/pulse.config.json': JSON.stringify(config) });
    const built = await run('build', '--project', PROJECT);
    expect({ code: built.code, stderr: built.stderr }).toEqual({ code: 0, stderr: '' });
    const json = await run('sources', '--project', PROJECT, '--json');
    expect({ code: json.code, stderr: json.stderr }).toEqual({ code: 0, stderr: '' });
    const zones = Object.fromEntries(
      (JSON.parse(json.stdout).sources as { name: string; columns: Feed[] }[]).map((source) => [
        source.name,
        Object.fromEntries(source.columns.map((feed) => [feed.column, feed.time_zone])),
      ]),
    );
    const text = (await run('sources', '--project', PROJECT)).stdout;
    const warehouse = await Warehouse.open(join(root, 'data', 'warehouse.duckdb'), { readOnly: true });
    try {
      const created = await warehouse.query<{ account_id: string; created_at: Date }>(
        'select account_id, created_at from raw.accounts order by account_id',
      );
      const times = Object.fromEntries(created.map((row) => [row.account_id, row.created_at.toISOString()]));
      return { zones, text, times };
    } finally {
      await warehouse.close();
    }
  };

  it('a Parquet instant and patterns with %z or a literal Z: no zone shown, and none applied', async () => {
    await writeAccounts('a.parquet', 'a1', "timestamptz '2026-03-31 22:30:00+00'");
    await write({
      'data/raw/events.csv':
        'event_id,account_id,occurred_at\ne1,a1,2026-03-31 22:30:00+0000\ne2,a1,2026-03-31T22:30:00Z\n',
    });
    const { zones, text, times } = await buildAndExplain({
      sources: {
        accounts: { time_zone: 'America/New_York' },
        events: {
          formats: { occurred_at: ['%Y-%m-%d %H:%M:%S%z', '%Y-%m-%dT%H:%M:%SZ'] },
          time_zone: 'Europe/Paris',
        },
      },
    });
    // Ingestion left the instant where it was: the explanation says the same.
    expect(times).toEqual({ a1: '2026-03-31T22:30:00.000Z' });
    expect(zones.accounts).toMatchObject({ created_at: null });
    expect(zones.events).toMatchObject({ occurred_at: null });
    expect(text).not.toContain('times in');
  });

  it('a Parquet timestamp without a time zone beside it: wall-clock times, the zone shown', async () => {
    await writeAccounts('a.parquet', 'a1', "timestamptz '2026-03-31 22:30:00+00'");
    await writeAccounts('b.parquet', 'a2', "timestamp '2026-03-31 22:30:00'");
    const { zones, text, times } = await buildAndExplain({
      sources: { accounts: { time_zone: 'America/New_York' } },
    });
    // New York in daylight time (UTC-4): b.parquet's 22:30 is 02:30 UTC the next day.
    expect(times).toEqual({ a1: '2026-03-31T22:30:00.000Z', a2: '2026-04-01T02:30:00.000Z' });
    expect(zones.accounts).toMatchObject({ created_at: 'America/New_York' });
    expect(text).toContain('times in America/New_York');
  });
});
