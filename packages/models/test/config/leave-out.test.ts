import { describe, expect, it } from 'vitest';
import { MAPPING_FILES, mappingFileSchema } from '../../src/presets/mapping-file.js';
import {
  CANONICAL_ACCOUNTS,
  CANONICAL_SUBSCRIPTIONS,
  configErrorOf,
  withConfigIngested,
} from '../presets/support/ingest-with-config.js';

// `leave_out` of a `sources.<source>` entry (and of a shipped mapping file): export rows that are no rows of
// the source, left out before judging and counted per file and reason, never dropped silently.

const HELPDESK = [
  'Ticket,Customer,Opened,State',
  'T1,A1,2024-03-01T09:00:00Z,open',
  'T2,A1,2024-03-02T09:00:00Z, SPAM ',
  'T3,A2,2024-03-03T09:00:00Z,merged',
  'T4,,2024-03-04T09:00:00Z,spam',
  'T5,,2024-03-05T09:00:00Z,solved',
].join('\n');

const helpdeskMapping = (leaveOut: unknown) => ({
  sources: {
    tickets: {
      path: 'helpdesk/',
      columns: { ticket_id: 'Ticket', account_id: 'Customer', created_at: 'Opened' },
      leave_out: leaveOut,
    },
  },
});

const notesOf = (report: { sources: readonly { name: string; notes?: readonly string[] }[] }) =>
  report.sources.find((source) => source.name === 'tickets')?.notes ?? [];

describe('sources.<source>.leave_out: a user mapping leaves rows out and counts them', () => {
  it('rows whose column holds a listed value (any case, trimmed) are neither loaded nor quarantined', async () => {
    await withConfigIngested(
      {
        'accounts.csv': CANONICAL_ACCOUNTS,
        'subscriptions.csv': CANONICAL_SUBSCRIPTIONS,
        'helpdesk/march.csv': HELPDESK,
      },
      helpdeskMapping([
        { column: 'state', values: ['spam'], reason: 'spam' },
        { column: ' State ', values: ['Merged'], reason: 'merged into another ticket' },
      ]),
      async ({ report, raw, quarantine }) => {
        expect(await raw('tickets', 'ticket_id')).toEqual([{ ticket_id: 'T1' }]);
        // T4 is spam: left out before its empty customer is judged; T5 is a real ticket without one.
        expect((await quarantine('tickets')).map((row) => [row.line, row.reason_code])).toEqual([
          [6, 'missing_required'],
        ]);
        const tickets = report.sources.find((source) => source.name === 'tickets')!;
        expect([tickets.rowsRead, tickets.rowsLoaded, tickets.rowsQuarantined]).toEqual([2, 1, 1]);
        // The column read by a rule is used, not an unknown column.
        expect(tickets.warnings).toEqual([]);
        expect(notesOf(report)).toEqual([
          'helpdesk/march.csv: 1 row left out as merged into another ticket (State Merged)',
          'helpdesk/march.csv: 2 rows left out as spam (state spam)',
        ]);
      },
    );
  });

  it('a file without the rule column loses no row and says so', async () => {
    await withConfigIngested(
      {
        'accounts.csv': CANONICAL_ACCOUNTS,
        'subscriptions.csv': CANONICAL_SUBSCRIPTIONS,
        'helpdesk/march.csv': 'Ticket,Customer,Opened\nT1,A1,2024-03-01T09:00:00Z\n',
      },
      helpdeskMapping([{ column: 'State', values: ['spam'], reason: 'spam' }]),
      async ({ report, raw }) => {
        expect(await raw('tickets', 'ticket_id')).toEqual([{ ticket_id: 'T1' }]);
        expect(notesOf(report)).toEqual([]);
        expect(report.sources.find((source) => source.name === 'tickets')!.warnings).toEqual([
          'helpdesk/march.csv has no column "State" (sources.tickets.leave_out in pulse.config.json): ' +
            'no row of it is left out as spam',
        ]);
      },
    );
  });
});

describe('leave_out: config errors name the key', () => {
  it.each([
    [[{ column: 'status', values: [], reason: 'deleted' }], 'leave_out[0].values: list at least one value'],
    [[{ column: 'status', value: ['deleted'], reason: 'deleted' }], 'leave_out[0]: unknown key "value"'],
    [
      [{ column: 'status', values: ['deleted'], reason: ' ' }],
      'leave_out[0].reason: must say in plain words',
    ],
    [[{ column: '', values: ['deleted'], reason: 'deleted' }], 'leave_out[0].column: must name a column'],
    [[], 'leave_out: list at least one rule'],
    [
      { column: 'status', values: ['deleted'], reason: 'deleted' },
      'leave_out: Invalid input: expected array',
    ],
  ])('rejects %j', async (leaveOut, expected) => {
    expect(await configErrorOf(helpdeskMapping(leaveOut))).toContain(
      `pulse.config.json: sources.tickets.${expected}`,
    );
  });

  it('is for export files, not a PostgreSQL table source', async () => {
    expect(
      await configErrorOf({
        engine: 'postgres',
        sources: {
          tickets: {
            table: 'support.tickets',
            leave_out: [{ column: 'status', values: ['deleted'], reason: 'x' }],
          },
        },
      }),
    ).toContain('pulse.config.json: sources.tickets.leave_out: leave_out is for export files');
  });

  it('a shipped mapping file with a bad leave_out fails its schema', () => {
    const zendesk = MAPPING_FILES['zendesk/fivetran']!;
    const bad = { ...zendesk, leave_out: [{ column: 'status', values: ['deleted'] }] };
    expect(mappingFileSchema.safeParse(bad).error?.issues.map((issue) => issue.path.join('.'))).toEqual([
      'leave_out.0.reason',
    ]);
    expect(mappingFileSchema.safeParse(zendesk).success).toBe(true);
  });
});
