import { describe, expect, it } from 'vitest';
import { ingestSources, Warehouse } from '../../src/index.js';
import { baseDataDirWith, contractSources, withIngested } from './support/ingest-harness.js';

const HEADER = 'account_id,user_id,event_name,occurred_at\n';
const row = (user: string) => `A1,${user},login,2024-03-01T10:00:00Z\n`;
const FILES = 40;
const name = (index: number) => `events/day-${String(index).padStart(3, '0')}.csv`;

/** 40 small event files, read many per statement; a few of them break the fast path's assumptions. */
function manyEventFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (let index = 0; index < FILES; index++) files[name(index)] = HEADER + row(`u${index}`);
  files[name(3)] = `${HEADER}${row('u3')}\n${row('u3b')}`; // blank line: u3b is on line 4
  files[name(7)] = `${HEADER}A1,u7,login,not-a-time\n${row('u7b')}`; // invalid row on line 2
  files[name(11)] = `${HEADER}A1,u11,"multi\nline",2024-03-01T10:00:00Z\n${row('u11b')}`; // u11b on line 4
  files[name(13)] = `${HEADER}A1,u13,login\n${row('u13b')}`; // malformed row on line 2
  files[name(17)] = `occurred_at,event_name,user_id,account_id\n2024-03-01T10:00:00Z,login,u17,A1\n`; // other header
  files[name(19)] = `\n${HEADER}${row('u19')}`; // blank line before the header: u19 on line 3
  // Line breaks counted by the header read (csv-header.ts plainLineCount) or, with a lone CR, by DuckDB.
  files[name(23)] = `${HEADER}${row('u23')}${row('u23b')}\n`.replaceAll('\n', '\r\n'); // CRLF, blank last line
  files[name(29)] = `${HEADER}${row('u29')}`.slice(0, -1); // no newline at the end
  files[name(31)] = `${HEADER}${row('u31')}`.replaceAll('\n', '\r'); // CR only
  files[name(37)] = `${HEADER}A1,u37,"multi\rline",2024-03-01T10:00:00Z\n${row('u37b')}`; // a CR in a value
  return files;
}

describe('many small files', () => {
  it('reads many files per statement with each row on its own file and physical line', async () => {
    await withIngested(await baseDataDirWith(manyEventFiles()), async ({ raw, quarantine }) => {
      const rows = await raw<{ _file: string; _line: number; user_id: string }>('events');
      const line = (user: string) => rows.find((r) => r.user_id === user);
      expect(rows).toHaveLength(FILES + 4);
      for (let index = 0; index < FILES; index++)
        if (![3, 7, 11, 13, 17, 19, 23, 37].includes(index))
          expect(line(`u${index}`)).toMatchObject({ _file: name(index), _line: 2 });
      expect(line('u3b')).toMatchObject({ _file: name(3), _line: 4 });
      expect(line('u7b')).toMatchObject({ _file: name(7), _line: 3 });
      expect(line('u11')).toMatchObject({ _file: name(11), _line: 2 });
      expect(line('u11b')).toMatchObject({ _file: name(11), _line: 4 });
      expect(line('u13b')).toMatchObject({ _file: name(13), _line: 3 });
      expect(line('u17')).toMatchObject({ _file: name(17), _line: 2 });
      expect(line('u19')).toMatchObject({ _file: name(19), _line: 3 });
      expect(line('u23')).toMatchObject({ _file: name(23), _line: 2 });
      expect(line('u23b')).toMatchObject({ _file: name(23), _line: 3 });
      expect(line('u37')).toMatchObject({ _file: name(37), _line: 2 });
      expect(line('u37b')).toMatchObject({ _file: name(37), _line: 4 });
      const rejected = await quarantine('events');
      expect(rejected.map((r) => [r.file, r.line, r.reason_code])).toEqual([
        [name(7), 2, 'wrong_type'],
        [name(13), 2, 'malformed_row'],
      ]);
    });
  });

  it('names the right file and line when every file of the batch has the same layout', async () => {
    // One group of consecutive files: the file index comes from DuckDB's file_index alone (no lookup).
    const files: Record<string, string> = {};
    for (let index = 0; index < 12; index++)
      files[name(index)] =
        HEADER + row(`a${index}`) + row(`b${index}`) + (index === 5 ? '' : row(`c${index}`));
    files[name(8)] = `${HEADER}${row('a8')}A1,b8,login,not-a-time\n${row('c8')}`;
    await withIngested(await baseDataDirWith(files), async ({ raw, quarantine }) => {
      const rows = await raw<{ _file: string; _line: number; user_id: string }>('events');
      expect(rows).toHaveLength(12 * 3 - 2);
      for (const { _file, _line, user_id } of rows) {
        const index = Number(user_id.slice(1));
        expect([_file, _line]).toEqual([name(index), { a: 2, b: 3, c: 4 }[user_id[0] as 'a']]);
      }
      expect((await quarantine('events')).map((r) => [r.file, r.line, r.reason_code])).toEqual([
        [name(8), 3, 'wrong_type'],
      ]);
    });
  });

  it('summarises progress for many files instead of printing a line per file', async () => {
    const dataDir = await baseDataDirWith(manyEventFiles());
    const warehouse = await Warehouse.open(':memory:');
    const progress: string[] = [];
    try {
      await ingestSources({
        warehouse,
        dataDir,
        sources: contractSources,
        config: {},
        onProgress: (message) => progress.push(message),
      });
    } finally {
      await warehouse.close();
    }
    const events = progress.filter((message) => message.startsWith('events:'));
    expect(events.length).toBeLessThanOrEqual(12);
    expect(events[0]).toBe('events: reading 40 files');
    expect(events).toContain('events: 20/40 files read');
  });
});
