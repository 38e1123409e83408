import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Warehouse } from '@pulse/core';
import { describe, expect, it } from 'vitest';
import {
  CANONICAL_ACCOUNTS,
  CANONICAL_SUBSCRIPTIONS,
  configErrorOf,
  withConfigIngested,
} from '../presets/support/ingest-with-config.js';

// `sources.<source>.empty_unless`: a column's value holds only on the rows whose other export column has
// one of some values; elsewhere it is read as empty, before judging, in every file format.

const canonical = { 'accounts.csv': CANONICAL_ACCOUNTS, 'subscriptions.csv': CANONICAL_SUBSCRIPTIONS };

const ticketsWith = (path: string, column: string) => ({
  sources: {
    tickets: { path, empty_unless: { resolved_at: { column, values: ['done', 'archived'] } } },
  },
});

const RESOLVED = 'ticket_id, resolved_at::varchar as resolved_at';
type Resolved = { ticket_id: string; resolved_at: string | null };

describe('empty_unless', () => {
  it('CSV: the value holds where the column has a listed value (any case, trimmed), else it is empty', async () => {
    const csv = [
      'ticket_id,account_id,created_at,resolved_at,state',
      'T1,A1,2024-03-01T10:00:00Z,2024-03-02T10:00:00Z,done',
      'T2,A1,2024-03-01T10:00:00Z,2024-03-02T10:00:00Z, ARCHIVED ',
      'T3,A1,2024-03-01T10:00:00Z,2024-03-02T10:00:00Z,reopened',
      'T4,A1,2024-03-01T10:00:00Z,2024-03-02T10:00:00Z,',
      'T5,A1,2024-03-01T10:00:00Z,not a time,reopened',
      'T6,A1,2024-03-01T10:00:00Z,not a time,done',
    ].join('\n');
    await withConfigIngested(
      { ...canonical, 'support/tickets.csv': csv },
      ticketsWith('support/tickets.csv', 'State'),
      async ({ report, raw, quarantine }) => {
        expect(await raw<Resolved>('tickets', RESOLVED)).toEqual([
          { ticket_id: 'T1', resolved_at: '2024-03-02 10:00:00' },
          { ticket_id: 'T2', resolved_at: '2024-03-02 10:00:00' },
          { ticket_id: 'T3', resolved_at: null },
          { ticket_id: 'T4', resolved_at: null },
          { ticket_id: 'T5', resolved_at: null },
        ]);
        // Only a value that holds is judged.
        expect(await quarantine('tickets')).toEqual([
          expect.objectContaining({ line: 7, column: 'resolved_at', reason_code: 'wrong_type' }),
        ]);
        // The rule's column is read, so it is no unknown column.
        const tickets = report.sources.find((source) => source.name === 'tickets')!;
        expect(tickets.warnings).toEqual([]);
      },
    );
  });

  it('JSON Lines: a dotted key tells the rows; an unfit value on a row where it does not hold is not judged', async () => {
    const line = (id: string, resolved: unknown, meta: unknown) =>
      JSON.stringify({
        ticket_id: id,
        account_id: 'A1',
        created_at: '2024-03-01T10:00:00Z',
        resolved_at: resolved,
        meta,
      });
    const lines = [
      line('T1', '2024-03-02T10:00:00Z', { state: 'done' }),
      line('T2', '2024-03-02T10:00:00Z', { state: 'open' }),
      line('T3', { at: 'yesterday' }, { state: 'open' }),
      line('T4', { at: 'yesterday' }, { state: 'Done' }),
      line('T5', '2024-03-02T10:00:00Z', {}),
    ];
    await withConfigIngested(
      { ...canonical, 'support/tickets.jsonl': `${lines.join('\n')}\n` },
      ticketsWith('support/tickets.jsonl', 'meta.state'),
      async ({ raw, quarantine }) => {
        expect(await raw<Resolved>('tickets', RESOLVED)).toEqual([
          { ticket_id: 'T1', resolved_at: '2024-03-02 10:00:00' },
          { ticket_id: 'T2', resolved_at: null },
          { ticket_id: 'T3', resolved_at: null },
          { ticket_id: 'T5', resolved_at: null },
        ]);
        expect(await quarantine('tickets')).toEqual([
          expect.objectContaining({ line: 4, column: 'resolved_at', reason_code: 'wrong_type' }),
        ]);
      },
    );
  });

  it('Parquet: the rule reads a typed column as its text', async () => {
    const path = join(tmpdir(), `pulse-empty-unless-${process.pid}.parquet`);
    const duckdb = await Warehouse.open(':memory:');
    try {
      await duckdb.exec(
        `copy (select * from (values
           ('T1', 'A1', timestamp '2024-03-01 10:00:00', timestamp '2024-03-02 10:00:00', true),
           ('T2', 'A1', timestamp '2024-03-01 10:00:00', timestamp '2024-03-02 10:00:00', false),
           ('T3', 'A1', timestamp '2024-03-01 10:00:00', timestamp '2024-03-02 10:00:00', null)
         ) t(ticket_id, account_id, created_at, resolved_at, is_solved)) to '${path}' (format parquet)`,
      );
      const parquet = await readFile(path);
      await withConfigIngested(
        { ...canonical, 'support/tickets.parquet': parquet },
        {
          sources: {
            tickets: {
              path: 'support/tickets.parquet',
              empty_unless: { resolved_at: { column: 'is_solved', values: ['true'] } },
            },
          },
        },
        async ({ raw, quarantine }) => {
          expect(await raw<Resolved>('tickets', RESOLVED)).toEqual([
            { ticket_id: 'T1', resolved_at: '2024-03-02 10:00:00' },
            { ticket_id: 'T2', resolved_at: null },
            { ticket_id: 'T3', resolved_at: null },
          ]);
          expect(await quarantine('tickets')).toEqual([]);
        },
      );
    } finally {
      await duckdb.close();
      await rm(path, { force: true });
    }
  });

  it('a file without the rule column is a file error naming the key that set the rule', async () => {
    const csv = ['ticket_id,account_id,created_at,resolved_at', 'T1,A1,2024-03-01T10:00:00Z,'].join('\n');
    await expect(
      withConfigIngested(
        { ...canonical, 'support/tickets.csv': csv },
        ticketsWith('support/tickets.csv', 'state'),
        async () => undefined,
      ),
    ).rejects.toThrow(
      'support/tickets.csv: the file has no column "state", which sources.tickets.empty_unless.resolved_at ' +
        'in pulse.config.json reads to tell the rows where tickets.resolved_at holds',
    );
  });

  it('names an unknown canonical column, and is refused for a PostgreSQL table source', async () => {
    expect(
      await configErrorOf({
        sources: { tickets: { empty_unless: { resolved_on: { column: 'state', values: ['done'] } } } },
      }),
    ).toMatch(
      /sources\.tickets\.empty_unless\.resolved_on: unknown column of tickets; did you mean resolved_at\?/,
    );
    expect(
      await configErrorOf({
        engine: 'postgres',
        sources: {
          tickets: {
            table: 'support.tickets',
            empty_unless: { resolved_at: { column: 'state', values: ['done'] } },
          },
        },
      }),
    ).toMatch(/sources\.tickets\.empty_unless: empty_unless is for export files/);
    expect(
      await configErrorOf({
        sources: { tickets: { empty_unless: { resolved_at: { column: 'state', values: [] } } } },
      }),
    ).toMatch(/list at least one value/);
  });
});
