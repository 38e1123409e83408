import { Warehouse } from '@pulse/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { intAccountSegments } from '../../src/intermediate/int_account_segments.js';
import { supportMonthly } from '../../src/marts/support_monthly.js';
import { stgAccounts } from '../../src/staging/stg_accounts.js';
import { stgTickets } from '../../src/staging/stg_tickets.js';
import { buildAndCheck, customerVars } from '../support/customer-build.js';
import { loadRawFixture, type RawFixture } from '../support/raw-fixture.js';

const models = [stgAccounts, intAccountSegments, stgTickets, supportMonthly];
// Mid-month as_of: March is a snapshot at the end of the 15th.
const vars = customerVars({ asOf: '2024-03-15' });

const ticket = (
  ticket_id: string,
  account_id: string,
  created_at: string,
  first_response_at: string | null,
  resolved_at: string | null,
) => ({
  ticket_id,
  account_id,
  created_at,
  // The fixture types later timestamps as Date; loadRawFixture writes a Date as its UTC instant.
  first_response_at: first_response_at === null ? null : new Date(first_response_at),
  resolved_at: resolved_at === null ? null : new Date(resolved_at),
});

const fixture: RawFixture = {
  accounts: [
    { account_id: 'S1', created_at: '2023-12-01T00:00:00Z', segment: 'smb' },
    { account_id: 'S2', created_at: '2023-12-01T00:00:00Z', segment: 'enterprise' },
  ],
  tickets: [
    // Response 2 h, resolution 24 h, both in January.
    ticket('k1', 'S1', '2024-01-10T00:00:00Z', '2024-01-10T02:00:00Z', '2024-01-11T00:00:00Z'),
    // Response 1 h in January, resolved 13 days (312 h) later, in February.
    ticket('k2', 'S1', '2024-01-20T00:00:00Z', '2024-01-20T01:00:00Z', '2024-02-02T00:00:00Z'),
    // Never answered nor resolved: open at every snapshot.
    ticket('k3', 'S2', '2024-01-31T12:00:00Z', null, null),
    // Response 4 h, resolution 10 h, February.
    ticket('k4', 'S2', '2024-02-10T00:00:00Z', '2024-02-10T04:00:00Z', '2024-02-10T10:00:00Z'),
    // Answered and resolved only after as_of: both unknown yet, so still open.
    ticket('k5', 'S1', '2024-02-20T00:00:00Z', '2024-03-16T00:00:00Z', '2024-03-20T00:00:00Z'),
    // March: resolutions 359 h, 6 h, 24 h; responses 3 h, 0.5 h, 1 h.
    ticket('k6', 'S1', '2024-03-01T00:00:00Z', '2024-03-01T03:00:00Z', '2024-03-15T23:00:00Z'),
    ticket('k8', 'S1', '2024-03-05T00:00:00Z', '2024-03-05T00:30:00Z', '2024-03-05T06:00:00Z'),
    ticket('k9', 'S2', '2024-03-02T00:00:00Z', '2024-03-02T01:00:00Z', '2024-03-03T00:00:00Z'),
    // Created after as_of: left out.
    ticket('k7', 'S2', '2024-03-16T00:00:00Z', null, null),
  ],
};

describe('support_monthly', () => {
  let warehouse: Warehouse;
  beforeEach(async () => {
    warehouse = await Warehouse.open(':memory:');
  });
  afterEach(() => warehouse.close());

  it('treats responses and resolutions after as_of as not happened yet', async () => {
    await loadRawFixture(warehouse, fixture);
    await buildAndCheck(warehouse, models, vars);
    const rows = await warehouse.query(
      `select ticket_id, first_response_at is null as unanswered, resolved_at is null as open
       from staging.stg_tickets where ticket_id in ('k5', 'k6', 'k7')`,
    );
    expect(rows).toEqual([
      { ticket_id: 'k5', unanswered: true, open: true },
      { ticket_id: 'k6', unanswered: false, open: false },
    ]);
  });

  it('counts tickets, resolution and response times, and the open backlog per month and segment', async () => {
    await loadRawFixture(warehouse, fixture);
    await buildAndCheck(warehouse, models, vars);
    const rows = await warehouse.query('select * from marts.support_monthly');
    const none = { mean_resolution_hours: null, median_resolution_hours: null, p90_resolution_hours: null };
    expect(rows).toEqual([
      // January backlog at the end of the 31st: k2 (resolved 02-02) and k3.
      {
        month: '2024-01-01',
        segment: 'all',
        tickets_created: 3,
        tickets_resolved: 1,
        mean_resolution_hours: 24,
        median_resolution_hours: 24,
        p90_resolution_hours: 24,
        median_first_response_hours: 1.5,
        open_backlog: 2,
      },
      {
        month: '2024-01-01',
        segment: 'enterprise',
        tickets_created: 1,
        tickets_resolved: 0,
        ...none,
        median_first_response_hours: null,
        open_backlog: 1,
      },
      {
        month: '2024-01-01',
        segment: 'smb',
        tickets_created: 2,
        tickets_resolved: 1,
        mean_resolution_hours: 24,
        median_resolution_hours: 24,
        p90_resolution_hours: 24,
        median_first_response_hours: 1.5,
        open_backlog: 1,
      },
      // February resolutions 312 h and 10 h: mean 161, p90 10 + 0.9 × 302 = 281.8. Backlog: k3, k5.
      {
        month: '2024-02-01',
        segment: 'all',
        tickets_created: 2,
        tickets_resolved: 2,
        mean_resolution_hours: 161,
        median_resolution_hours: 161,
        p90_resolution_hours: expect.closeTo(281.8, 9),
        median_first_response_hours: 4,
        open_backlog: 2,
      },
      {
        month: '2024-02-01',
        segment: 'enterprise',
        tickets_created: 1,
        tickets_resolved: 1,
        mean_resolution_hours: 10,
        median_resolution_hours: 10,
        p90_resolution_hours: 10,
        median_first_response_hours: 4,
        open_backlog: 1,
      },
      {
        month: '2024-02-01',
        segment: 'smb',
        tickets_created: 1,
        tickets_resolved: 1,
        mean_resolution_hours: 312,
        median_resolution_hours: 312,
        p90_resolution_hours: 312,
        median_first_response_hours: null,
        open_backlog: 1,
      },
      // March to the 15th: resolutions [6, 24, 359] → mean 389 / 3, median 24, p90 24 + 0.8 × 335 = 292;
      // responses [0.5, 1, 3] → median 1. Backlog at the end of the 15th: k3, k5 (k6 closed at 23:00).
      {
        month: '2024-03-01',
        segment: 'all',
        tickets_created: 3,
        tickets_resolved: 3,
        mean_resolution_hours: expect.closeTo(389 / 3, 9),
        median_resolution_hours: 24,
        p90_resolution_hours: expect.closeTo(292, 9),
        median_first_response_hours: 1,
        open_backlog: 2,
      },
      {
        month: '2024-03-01',
        segment: 'enterprise',
        tickets_created: 1,
        tickets_resolved: 1,
        mean_resolution_hours: 24,
        median_resolution_hours: 24,
        p90_resolution_hours: 24,
        median_first_response_hours: 1,
        open_backlog: 1,
      },
      // smb resolutions [6, 359]: mean = median 182.5, p90 6 + 0.9 × 353 = 323.7; responses [0.5, 3] → 1.75.
      {
        month: '2024-03-01',
        segment: 'smb',
        tickets_created: 2,
        tickets_resolved: 2,
        mean_resolution_hours: 182.5,
        median_resolution_hours: 182.5,
        p90_resolution_hours: expect.closeTo(323.7, 9),
        median_first_response_hours: 1.75,
        open_backlog: 1,
      },
    ]);
  });

  it('has no rows without tickets', async () => {
    await loadRawFixture(warehouse, { accounts: fixture.accounts });
    await buildAndCheck(warehouse, models, vars);
    const [row] = await warehouse.query<{ n: number }>(
      'select count(*)::integer as n from marts.support_monthly',
    );
    expect(row!.n).toBe(0);
  });
});
