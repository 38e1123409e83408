import { describe, expect, it } from 'vitest';
import { baseDataDirWith, ingest } from './support/ingest-harness.js';

const EVENTS =
  'event_id,account_id,user_id,event_name,occurred_at\n' +
  'e1,A1,u1,login,2024-03-01T08:00:00Z\n' +
  'e2,A2,u2,login,2024-03-09T23:59:58Z\n' +
  // Later, but quarantined (no such account): the latest record is a loaded row's.
  'e3,ZZ,u3,login,2024-04-01T00:00:00Z\n' +
  'e4,A1,u1,login,2024-03-05T12:00:00Z\n';

describe('latest record of each source (run_results: latest_record_at)', () => {
  for (const staged of [false, true]) {
    it(`is the max of the first dated column over the loaded rows${staged ? ', in a staged ingestion' : ', in one transaction'}`, async () => {
      const dir = await baseDataDirWith({ 'events.csv': EVENTS });
      const ingested = await ingest(dir, { staged });
      try {
        const latest = Object.fromEntries(
          ingested.report.sources.map((source) => [source.name, source.latestRecordAt]),
        );
        const [accounts] = await ingested.warehouse.query<{ at: string }>(
          `select strftime(max(created_at), '%Y-%m-%dT%H:%M:%SZ') as at from raw.accounts`,
        );
        expect(latest.events).toBe('2024-03-09T23:59:58Z');
        expect(latest.accounts).toBe(accounts!.at);
        // An optional source without a file has empty tables: no latest record.
        expect(latest.tickets).toBeNull();
        expect((await ingested.quarantine('events')).map((row) => row.line)).toEqual([4]);
      } finally {
        await ingested.close();
      }
    });
  }
});
