import type { RawFixture } from './raw-fixture.js';

/**
 * One small fixture that gives rows to every mart of the project (every source present), as of a
 * mid-month day: used where a test needs each mart built at once (G8 types, the identity data tests).
 */
export const ALL_MARTS_AS_OF = '2024-06-15';

const event = (account_id: string, user_id: string, event_name: string, occurred_at: string) => ({
  account_id,
  user_id,
  event_name,
  occurred_at,
});

export const allMartsFixture: RawFixture = {
  accounts: [
    { account_id: 'A1', created_at: '2023-12-15T10:00:00Z', segment: 'smb', acquisition_channel: 'organic' },
    {
      account_id: 'A2',
      created_at: '2024-01-05T10:00:00Z',
      segment: 'enterprise',
      acquisition_channel: 'paid',
    },
    { account_id: 'A3', created_at: '2024-02-01T10:00:00Z', segment: 'smb', acquisition_channel: 'paid' },
    // Only ever on a trial: never active.
    {
      account_id: 'A4',
      created_at: '2024-03-01T10:00:00Z',
      segment: 'mid_market',
    },
    {
      account_id: 'A5',
      created_at: '2024-01-20T10:00:00Z',
      segment: 'enterprise',
      acquisition_channel: 'paid',
    },
  ],
  subscriptions: [
    // A1: 100 a month from January, 150 from March (expansion).
    {
      subscription_id: 's1',
      account_id: 'A1',
      amount: 100,
      start_date: '2024-01-01',
      end_date: '2024-03-01',
    },
    { subscription_id: 's1', account_id: 'A1', amount: 150, start_date: '2024-03-01' },
    // A2: a quarterly contract of 900, renewed once (renewal on 2024-04-10), then a cheaper quarter.
    {
      subscription_id: 's2',
      account_id: 'A2',
      billing_interval: 'quarter',
      amount: 900,
      start_date: '2024-01-10',
      end_date: '2024-04-10',
    },
    {
      subscription_id: 's2',
      account_id: 'A2',
      billing_interval: 'quarter',
      amount: 600,
      start_date: '2024-04-10',
      end_date: '2024-07-10',
    },
    // A2 also: a small quarterly add-on for one term, so `renewals` has a second date (2024-04-20, renewed).
    {
      subscription_id: 's2b',
      account_id: 'A2',
      billing_interval: 'quarter',
      amount: 30,
      start_date: '2024-01-20',
      end_date: '2024-04-20',
    },
    // A3: 50 EUR a month in February and March, churns in April, comes back in May (reactivation).
    {
      subscription_id: 's3',
      account_id: 'A3',
      amount: 50,
      currency: 'EUR',
      start_date: '2024-02-01',
      end_date: '2024-04-01',
    },
    { subscription_id: 's3b', account_id: 'A3', amount: 60, start_date: '2024-05-10' },
    {
      subscription_id: 's4',
      account_id: 'A4',
      amount: 0,
      is_trial: true,
      start_date: '2024-03-01',
      end_date: '2024-03-15',
    },
    // A1 adds a quarterly contract in May (an expansion): its renewal on 2024-08-01 is upcoming, like A2's.
    {
      subscription_id: 's1q',
      account_id: 'A1',
      billing_interval: 'quarter',
      amount: 300,
      start_date: '2024-05-01',
    },
    // A5: a yearly contract whose first renewal is after as_of.
    {
      subscription_id: 's5',
      account_id: 'A5',
      billing_interval: 'year',
      amount: 2400,
      start_date: '2024-02-01',
      end_date: '2025-02-01',
    },
  ],
  fx_rates: [
    { date: '2024-01-01', currency: 'EUR', rate: 1.1 },
    { date: '2024-03-01', currency: 'EUR', rate: 1.2 },
  ],
  invoices: [
    { invoice_id: 'i1', account_id: 'A1', issued_at: '2024-01-01T00:00:00Z', amount: 100 },
    { invoice_id: 'i2', account_id: 'A1', issued_at: '2024-02-01T00:00:00Z', amount: 100 },
    { invoice_id: 'i3', account_id: 'A2', issued_at: '2024-01-10T00:00:00Z', amount: 900 },
    { invoice_id: 'i4', account_id: 'A3', issued_at: '2024-02-01T00:00:00Z', amount: 50, currency: 'EUR' },
    { invoice_id: 'i5', account_id: 'A2', issued_at: '2024-04-10T00:00:00Z', amount: 600, status: 'open' },
  ],
  events: [
    event('A1', 'u1', 'login', '2024-01-02T09:00:00Z'),
    event('A1', 'u1', 'value_moment', '2024-01-03T09:00:00Z'),
    event('A1', 'u2', 'login', '2024-02-10T09:00:00Z'),
    event('A1', 'u1', 'login', '2024-03-10T09:00:00Z'),
    event('A1', 'u2', 'login', '2024-04-10T09:00:00Z'),
    event('A1', 'u1', 'login', '2024-05-11T09:00:00Z'),
    event('A1', 'u3', 'login', '2024-06-01T09:00:00Z'),
    event('A1', 'u1', 'login', '2024-06-14T09:00:00Z'),
    event('A2', 'u1', 'login', '2024-01-11T09:00:00Z'),
    event('A2', 'u1', 'value_moment', '2024-01-25T15:00:00Z'),
    event('A2', 'u2', 'login', '2024-03-02T09:00:00Z'),
    event('A2', 'u1', 'login', '2024-06-02T09:00:00Z'),
    event('A3', 'u1', 'value_moment', '2024-03-20T09:00:00Z'),
    event('A3', 'u1', 'login', '2024-05-12T09:00:00Z'),
    event('A5', 'u1', 'login', '2024-02-03T09:00:00Z'),
    event('A5', 'u1', 'value_moment', '2024-02-05T09:00:00Z'),
    event('A5', 'u2', 'login', '2024-05-03T09:00:00Z'),
  ],
  tickets: [
    {
      ticket_id: 't1',
      account_id: 'A1',
      created_at: '2024-01-20T00:00:00Z',
      first_response_at: '2024-01-20T02:00:00Z',
      resolved_at: '2024-01-21T00:00:00Z',
    },
    {
      ticket_id: 't2',
      account_id: 'A2',
      created_at: '2024-02-01T00:00:00Z',
      first_response_at: '2024-02-01T05:00:00Z',
      resolved_at: '2024-02-04T00:00:00Z',
    },
    { ticket_id: 't3', account_id: 'A2', created_at: '2024-05-05T00:00:00Z' },
    {
      ticket_id: 't4',
      account_id: 'A3',
      created_at: '2024-05-20T00:00:00Z',
      first_response_at: '2024-05-20T01:00:00Z',
      resolved_at: '2024-06-02T00:00:00Z',
    },
  ],
  survey_responses: [
    { response_id: 'n1', account_id: 'A1', survey: 'nps', score: 9, responded_at: '2024-02-15T00:00:00Z' },
    { response_id: 'n2', account_id: 'A2', survey: 'nps', score: 5, responded_at: '2024-03-15T00:00:00Z' },
    { response_id: 'n3', account_id: 'A3', survey: 'nps', score: 7, responded_at: '2024-05-15T00:00:00Z' },
    { response_id: 'c1', account_id: 'A1', survey: 'csat', score: 5, responded_at: '2024-01-21T00:00:00Z' },
    { response_id: 'c2', account_id: 'A2', survey: 'csat', score: 2, responded_at: '2024-02-04T00:00:00Z' },
  ],
  spend: [
    { month: '2024-01-01', channel: 'paid', amount: 500 },
    { month: '2024-01-01', channel: 'organic', amount: 100, category: 'sales' },
    { month: '2024-02-01', channel: 'paid', amount: 400 },
    { month: '2024-05-01', channel: 'events', amount: 300 },
  ],
};
