import { describe, expect, it } from 'vitest';
import { IngestFileError } from '../../src/index.js';
import { baseDataDirWith, ingestError, withIngested } from './support/ingest-harness.js';

const config = {
  sources: {
    events: {
      columns: {
        event_id: 'messageId',
        account_id: 'context.groupId',
        user_id: 'userId',
        event_name: 'event',
        occurred_at: 'timestamp',
      },
    },
  },
};

const record = (id: string, context: object | undefined) =>
  JSON.stringify({ messageId: id, userId: 'u1', event: 'login', timestamp: '2024-03-01T10:00:00Z', context });

describe('sources.<source>.columns in JSON Lines: a dotted key reaches into nested objects', () => {
  it('reads context.groupId; a record without it is null there, so missing_required at its line', async () => {
    const dir = await baseDataDirWith({
      'events.jsonl': [
        record('E1', { groupId: 'A1' }),
        record('E2', { library: 'js' }),
        record('E3', { groupId: 'A2' }),
      ].join('\n'),
    });
    await withIngested(
      dir,
      async ({ raw, quarantine }) => {
        const rows = await raw<{ event_id: string; account_id: string; _line: number }>('events');
        expect(rows.map((row) => [row.event_id, row.account_id, row._line])).toEqual([
          ['E1', 'A1', 1],
          ['E3', 'A2', 3],
        ]);
        const [row] = await quarantine('events');
        expect(row).toMatchObject({
          file: 'events.jsonl',
          line: 2,
          column: 'account_id',
          reason_code: 'missing_required',
          reason: '`context.groupId` (events.account_id) is empty but required',
        });
      },
      { config },
    );
  });

  // Names are matched case-insensitively after trimming, each step of a dotted key too: `Context.GroupID`
  // was a file error ("missing required column … Names are matched case-insensitively after trimming").
  it('matches each step of a dotted key case-insensitively, as names are', async () => {
    const dir = await baseDataDirWith({
      'events.jsonl': [record('E1', { groupId: 'A1' }), record('E2', { groupId: 'A2' })].join('\n'),
    });
    const spelled = {
      sources: { events: { columns: { ...config.sources.events.columns, account_id: ' Context.GroupID ' } } },
    };
    await withIngested(
      dir,
      async ({ raw, warnings }) => {
        const rows = await raw<{ event_id: string; account_id: string }>('events');
        expect(rows.map((row) => [row.event_id, row.account_id])).toEqual([
          ['E1', 'A1'],
          ['E2', 'A2'],
        ]);
        expect(warnings).toEqual([]);
      },
      { config: spelled },
    );
  });

  it('a required column whose key is in no record of the file is a file error naming the key', async () => {
    const dir = await baseDataDirWith({ 'events.jsonl': `${record('E1', { library: 'js' })}\n` });
    const error = await ingestError(dir, { config });
    expect(error).toBeInstanceOf(IngestFileError);
    expect((error as Error).message).toContain(
      'events.jsonl: missing required column context.groupId for source "events"',
    );
  });

  it('a key whose nested keys are read is no unknown column; the others still are', async () => {
    const dir = await baseDataDirWith({
      'events.jsonl': [
        JSON.stringify({ ...JSON.parse(record('E1', { groupId: 'A1', library: 'js' })), properties: {} }),
        record('E2', { groupId: 'A2' }),
      ].join('\n'),
    });
    await withIngested(
      dir,
      async ({ warnings }) => {
        expect(warnings).toEqual(['events: ignored unknown column "properties"']);
      },
      { config },
    );
  });
});
