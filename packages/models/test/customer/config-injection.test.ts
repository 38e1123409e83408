import { planModels, Warehouse } from '@pulse/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { customerModels } from '../../src/customer-models.js';
import { revenueModels } from '../../src/revenue-models.js';
import { buildAndCheck, customerVars } from '../support/customer-build.js';
import { loadRawFixture } from '../support/raw-fixture.js';

const models = [...revenueModels, ...customerModels];
const EVIL = "x'); drop table marts.nps_monthly; --";

describe('config and data values reach SQL as data', () => {
  let warehouse: Warehouse;
  beforeEach(async () => {
    warehouse = await Warehouse.open(':memory:');
  });
  afterEach(() => warehouse.close());

  it('matches a hostile value event name and segment literally, and never runs them', async () => {
    const vars = customerVars({ valueEvents: [EVIL] });
    await loadRawFixture(warehouse, {
      accounts: [{ account_id: 'X1', created_at: '2024-03-01T00:00:00Z', segment: EVIL }],
      subscriptions: [{ subscription_id: 's', account_id: 'X1', amount: 10, start_date: '2024-03-01' }],
      events: [{ account_id: 'X1', user_id: 'u', event_name: EVIL, occurred_at: '2024-03-02T00:00:00Z' }],
      survey_responses: [
        {
          response_id: 'r',
          account_id: 'X1',
          survey: 'nps',
          score: 9,
          responded_at: new Date('2024-03-03T00:00:00Z'),
        },
      ],
    });
    await buildAndCheck(warehouse, models, vars);

    // The value event list is a bound LIST parameter, not SQL text.
    for (const compiled of planModels(warehouse, models, vars)) {
      expect(compiled.query.sql).not.toContain('drop table');
    }
    const [ttv] = await warehouse.query('select segment, reached, ttv_days from marts.ttv_accounts');
    expect(ttv).toEqual({ segment: EVIL, reached: true, ttv_days: 1 });
    const nps = await warehouse.query('select segment, responses, nps from marts.nps_monthly');
    expect(nps).toEqual([
      { segment: 'all', responses: 1, nps: 100 },
      { segment: EVIL, responses: 1, nps: 100 },
    ]);
  });

  it('binds the health weights as parameters', () => {
    const vars = customerVars({
      healthWeights: { engagement: 0.123, usage_trend: 0.2, sentiment: 0.2, support: 0.15, financial: 0.15 },
    });
    const health = planModels(warehouse, models, vars).find((c) => c.model.name === 'health_scores')!;
    expect(health.query.sql).not.toContain('0.123');
    expect(health.query.parameters).toContain(0.123);
  });
});
