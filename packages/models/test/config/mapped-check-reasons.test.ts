import { describe, expect, it } from 'vitest';
import { CANONICAL_ACCOUNTS, withConfigIngested } from '../presets/support/ingest-with-config.js';

// A quarantine reason of a mapped source names the vendor column beside the canonical one (ADAPTERS.md,
// "the reason names the vendor column too"): the checks' reasons (bad_period, bad_order, out_of_range)
// and duplicate_id as much as a type error. Unmapped, a reason names the column alone.

const SUBSCRIPTIONS = [
  'sub,customer,plan,billing_interval,amount,currency,from,to',
  'S1,A1,pro,month,49.90,USD,2024-02-01,2024-01-01',
  'S2,A1,pro,month,49.90,USD,2024-01-01,',
].join('\n');

const SURVEYS = [
  'response_id,account_id,survey,Rating,responded_at',
  'R1,A1,nps,11,2024-03-01T10:00:00Z',
].join('\n');

const TICKETS = [
  'Id,account_id,Opened,Closed',
  'T1,A1,2024-03-02T10:00:00Z,2024-03-01T10:00:00Z',
  'T2,A1,2024-03-02T10:00:00Z,',
  'T2,A1,2024-03-03T10:00:00Z,',
].join('\n');

const CONFIG = {
  sources: {
    subscriptions: {
      columns: { subscription_id: 'sub', account_id: 'customer', start_date: 'from', end_date: 'to' },
    },
    survey_responses: { columns: { score: 'Rating' } },
    tickets: { columns: { ticket_id: 'Id', created_at: 'Opened', resolved_at: 'Closed' } },
  },
};

describe('quarantine reasons of a mapped source name the vendor column', () => {
  it('bad_period, duplicate_id, out_of_range and bad_order', async () => {
    await withConfigIngested(
      {
        'accounts.csv': CANONICAL_ACCOUNTS,
        'subscriptions.csv': SUBSCRIPTIONS,
        'survey_responses.csv': SURVEYS,
        'tickets.csv': TICKETS,
      },
      CONFIG,
      async ({ quarantine }) => {
        expect((await quarantine('subscriptions')).map(({ reason }) => reason)).toEqual([
          '`to` (subscriptions.end_date) 2024-01-01 is not after `from` (subscriptions.start_date) 2024-02-01',
        ]);
        expect((await quarantine('survey_responses')).map(({ reason }) => reason)).toEqual([
          '`Rating` (survey_responses.score) 11 is outside the nps scale 0-10',
        ]);
        expect((await quarantine('tickets')).map(({ reason }) => reason)).toEqual([
          '`Closed` (tickets.resolved_at) 2024-03-01T10:00:00Z is before `Opened` (tickets.created_at) 2024-03-02T10:00:00Z',
          "`Id` (tickets.ticket_id) 'T2' repeats an earlier row (the first one in file order is kept)",
        ]);
      },
    );
  });

  it('unmapped, a reason names the column alone', async () => {
    await withConfigIngested(
      {
        'accounts.csv': CANONICAL_ACCOUNTS,
        'subscriptions.csv': SUBSCRIPTIONS.replace('sub,customer', 'subscription_id,account_id').replace(
          ',from,to',
          ',start_date,end_date',
        ),
        'tickets.csv': TICKETS.replace(
          'Id,account_id,Opened,Closed',
          'ticket_id,account_id,created_at,resolved_at',
        ),
      },
      {},
      async ({ quarantine }) => {
        expect((await quarantine('subscriptions')).map(({ reason }) => reason)).toEqual([
          'end_date 2024-01-01 is not after start_date 2024-02-01',
        ]);
        expect((await quarantine('tickets')).map(({ reason }) => reason)).toEqual([
          'resolved_at 2024-03-01T10:00:00Z is before created_at 2024-03-02T10:00:00Z',
          "ticket_id 'T2' repeats an earlier row (the first one in file order is kept)",
        ]);
      },
    );
  });
});
