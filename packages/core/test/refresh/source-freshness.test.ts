import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../../src/index.js';
import { sourceFreshness } from '../../src/refresh/source-freshness.js';
import { contractSources } from '../ingest/support/ingest-harness.js';

const now = new Date('2026-12-01T12:00:00Z');
const events = contractSources.filter((source) => source.name === 'events');

describe('source freshness against its limit', () => {
  let warehouse: Warehouse;
  beforeAll(async () => {
    warehouse = await Warehouse.open(':memory:');
    await warehouse.exec('create schema raw');
    await warehouse.exec('create table raw.events (event_id varchar, occurred_at timestamp)');
  });
  afterAll(() => warehouse.close());

  // A company without product events (an optional source) was STALE at every `pulse status`: a
  // monitoring probe that always fails.
  it('the default limit does not judge a source with no records', async () => {
    const [freshness] = await sourceFreshness(warehouse, events, {}, now);
    expect(freshness).toMatchObject({ source: 'events', newest: null, maxAgeHours: null, stale: false });
  });

  it('a configured limit judges a source with no records as stale', async () => {
    const [freshness] = await sourceFreshness(warehouse, events, { events: 24 }, now);
    expect(freshness).toMatchObject({ newest: null, maxAgeHours: 24, stale: true });
  });

  it('the default limit judges a source with records', async () => {
    await warehouse.exec(`insert into raw.events values ('e1', '2026-11-29 11:00:00')`);
    const [freshness] = await sourceFreshness(warehouse, events, {}, now);
    expect(freshness).toMatchObject({ ageHours: 49, maxAgeHours: 48, stale: true });
  });
});
