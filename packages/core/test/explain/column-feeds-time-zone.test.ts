import { describe, expect, it } from 'vitest';
import { columnFeedsOf } from '../../src/explain/column-feeds.js';
import { defineSource } from '../../src/index.js';

const tickets = defineSource({
  name: 'tickets',
  description: 'support tickets',
  required: false,
  columns: [
    { name: 'ticket_id', type: 'id', required: true, description: 'ticket id' },
    { name: 'created_at', type: 'timestamp', required: true, description: 'opened' },
    { name: 'resolved_at', type: 'timestamp', description: 'solved' },
    { name: 'due_on', type: 'date', description: 'due date' },
  ],
});

const zoneOf = (formats: Record<string, string | string[]>) =>
  Object.fromEntries(
    columnFeedsOf(tickets, {
      kind: 'mapping',
      mapping: { time_zone: 'America/New_York', formats },
    }).map((feed) => [feed.column, feed.time_zone]),
  );

describe('pulse sources: which columns a source’s time_zone reads', () => {
  it('timestamps written as wall-clock times (ISO, or a pattern without %z); not epochs, offsets or dates', () => {
    expect(zoneOf({ resolved_at: 'epoch_s' })).toEqual({
      ticket_id: null,
      created_at: 'America/New_York',
      resolved_at: null,
      due_on: null,
    });
    expect(
      zoneOf({ created_at: '%Y-%m-%d %H:%M %z', resolved_at: ['epoch_ms', '%d/%m/%Y %H:%M'] }),
    ).toMatchObject({
      created_at: null,
      resolved_at: 'America/New_York',
    });
    // The zone written as text in the pattern (BigQuery's spelling, a trailing Z, an offset).
    expect(
      zoneOf({
        created_at: ['%Y-%m-%d %H:%M:%S UTC', '%Y-%m-%dT%H:%M:%SZ'],
        resolved_at: '%d.%m.%Y %H:%M +00:00',
      }),
    ).toMatchObject({ created_at: null, resolved_at: null });
  });

  it('a column every file of which holds instants (Parquet timestamps with a time zone): no zone', () => {
    const zoneWith = (types: string[]) =>
      columnFeedsOf(
        tickets,
        { kind: 'mapping', mapping: { time_zone: 'America/New_York' } },
        new Map([['created_at', types]]),
      ).find((feed) => feed.column === 'created_at')!.time_zone;
    expect(zoneWith(['TIMESTAMP WITH TIME ZONE', 'TIMESTAMP WITH TIME ZONE'])).toBeNull();
    // One file of wall-clock times (a CSV, a Parquet timestamp without a zone) is enough to be moved.
    expect(zoneWith(['TIMESTAMP WITH TIME ZONE', 'VARCHAR'])).toBe('America/New_York');
    expect(zoneWith(['TIMESTAMP'])).toBe('America/New_York');
  });
});
