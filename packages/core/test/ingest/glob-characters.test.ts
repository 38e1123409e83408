import { describe, expect, it } from 'vitest';
import { baseDataDirWith, withIngested } from './support/ingest-harness.js';

const HEADER = 'account_id,user_id,event_name,occurred_at\n';
const row = (user: string) => `A1,${user},login,2024-03-01T10:00:00Z\n`;
/** Past the size under which small files are joined into one temporary file: each is read by its path. */
const large = (user: string) => HEADER + row(user).repeat(30_000);

/**
 * DuckDB's readers expand `*`, `?` and `[…]` in a path as a glob: `t[12].csv` read `t1.csv` (twice, with
 * t1.csv itself) and never itself, so its rows were lost without a quarantine row. Each file is read as named.
 */
describe('files whose names hold glob characters', () => {
  it('are each read once, as named, beside the files their names would match as patterns', async () => {
    const files = {
      'events/t[12].csv': large('brackets'),
      'events/t1.csv': large('t1'),
      'events/x*y.csv': large('star'),
      'events/xzzy.csv': large('xzzy'),
      'events/q?.csv': large('question'),
      'events/qq.csv': large('qq'),
    };
    await withIngested(await baseDataDirWith(files), async ({ raw }) => {
      const rows = await raw<{ _file: string; user_id: string }>('events');
      const read = [
        ...new Set(
          rows.filter((r) => Object.keys(files).includes(r._file)).map((r) => `${r._file} ${r.user_id}`),
        ),
      ]
        .map((pair) => pair.split(' '))
        .sort();
      expect(rows.filter((r) => Object.keys(files).includes(r._file))).toHaveLength(6 * 30_000);
      expect(read).toEqual(
        [
          ['events/q?.csv', 'question'],
          ['events/qq.csv', 'qq'],
          ['events/t1.csv', 't1'],
          ['events/t[12].csv', 'brackets'],
          ['events/x*y.csv', 'star'],
          ['events/xzzy.csv', 'xzzy'],
        ].sort(),
      );
    });
  });
});
