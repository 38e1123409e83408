import { describe, expect, it } from 'vitest';
import {
  CANONICAL_ACCOUNTS,
  CANONICAL_SUBSCRIPTIONS,
  withConfigIngested,
} from '../presets/support/ingest-with-config.js';

// How a `leave_out` rule meets the files of a source: every spelling of a JSON Lines key, nested keys,
// files without the rule's column, and values padded with other whitespace than spaces.

const canonical = { 'accounts.csv': CANONICAL_ACCOUNTS, 'subscriptions.csv': CANONICAL_SUBSCRIPTIONS };

const eventsWith = (leaveOut: unknown) => ({
  sources: { events: { path: 'product/', columns: { event_name: 'event' }, leave_out: leaveOut } },
});

const record = (id: string, extra: Record<string, unknown>) =>
  JSON.stringify({
    event_id: id,
    account_id: 'A1',
    user_id: 'u1',
    event: 'login',
    occurred_at: '2024-03-01T10:00:00Z',
    ...extra,
  });

type Events = { event_id: string }[];
const eventsOf = (report: {
  sources: readonly { name: string; warnings: readonly string[]; notes?: readonly string[] }[];
}) => report.sources.find((source) => source.name === 'events')!;

describe('leave_out on JSON Lines', () => {
  it('a top-level key matches the rule in every spelling, as mapped columns do', async () => {
    const lines = [
      record('E1', { kind: 'test' }),
      record('E2', { Kind: 'test' }),
      record('E3', { KIND: 'test' }),
      record('E4', { kind: 'live' }),
    ];
    await withConfigIngested(
      { ...canonical, 'product/day1.jsonl': `${lines.join('\n')}\n` },
      eventsWith([{ column: 'kind', values: ['test'], reason: 'test events' }]),
      async ({ report, raw }) => {
        expect(await raw<Events[number]>('events', 'event_id')).toEqual([{ event_id: 'E4' }]);
        expect(eventsOf(report).notes).toEqual([
          'product/day1.jsonl: 3 rows left out as test events (kind test)',
        ]);
        expect(eventsOf(report).warnings).toEqual([]);
      },
    );
  });

  it('a dotted rule column no record of a file has is warned; its first key is read, not unknown', async () => {
    await withConfigIngested(
      {
        ...canonical,
        'product/a.jsonl': `${[record('E1', { meta: { flag: 'test' } }), record('E2', { meta: { flag: 'no' } })].join('\n')}\n`,
        'product/b.jsonl': `${record('E3', { meta: { other: 1 } })}\n`,
      },
      eventsWith([{ column: 'meta.flag', values: ['test'], reason: 'test events' }]),
      async ({ report, raw }) => {
        expect(await raw<Events[number]>('events', 'event_id')).toEqual([
          { event_id: 'E2' },
          { event_id: 'E3' },
        ]);
        expect(eventsOf(report).warnings).toEqual([
          'product/b.jsonl has no column "meta.flag" (sources.events.leave_out in pulse.config.json): ' +
            'no row of it is left out as test events',
        ]);
      },
    );
  });
});

describe('leave_out: files without the rule column', () => {
  it('one warning per source and rule, naming how many files lack the column and a few of them', async () => {
    const csv = (id: string) =>
      `event_id,account_id,user_id,event,occurred_at\n${id},A1,u1,login,2024-03-01T10:00:00Z\n`;
    const files = Object.fromEntries(
      ['a', 'b', 'c', 'd', 'e'].map((name) => [`product/${name}.csv`, csv(`E-${name}`)]),
    );
    await withConfigIngested(
      { ...canonical, ...files },
      eventsWith([{ column: 'kind', values: ['test'], reason: 'test events' }]),
      async ({ report }) => {
        expect(eventsOf(report).warnings).toEqual([
          '5 files have no column "kind" (sources.events.leave_out in pulse.config.json): no row of them is ' +
            'left out as test events (product/a.csv, product/b.csv, product/c.csv and 2 more)',
        ]);
      },
    );
  });
});

describe('leave_out: trimming and case', () => {
  it('the data and the rule values are trimmed of the same whitespace and folded the same way', async () => {
    const csv = [
      'event_id,account_id,user_id,event,occurred_at,kind',
      'E1,A1,u1,login,2024-03-01T10:00:00Z,"test\t"',
      'E2,A1,u1,login,2024-03-01T10:00:00Z,"\u00a0TEST"',
      'E3,A1,u1,login,2024-03-01T10:00:00Z,İnternal',
      'E4,A1,u1,login,2024-03-01T10:00:00Z,live',
    ].join('\n');
    await withConfigIngested(
      { ...canonical, 'product/day1.csv': `${csv}\n` },
      eventsWith([
        { column: 'kind', values: ['test'], reason: 'test events' },
        { column: 'kind', values: ['İNTERNAL'], reason: 'internal' },
      ]),
      async ({ raw }) => {
        expect(await raw<Events[number]>('events', 'event_id')).toEqual([{ event_id: 'E4' }]);
      },
    );
  });
});
