import { describe, expect, it } from 'vitest';
import {
  CANONICAL_ACCOUNTS,
  CANONICAL_SUBSCRIPTIONS,
  withConfigIngested,
} from './support/ingest-with-config.js';

// Snowflake's TIMESTAMP_TZ output is `YYYY-MM-DD HH24:MI:SS.FF3 TZHTZM` by default; an account may set
// FF9 (nanoseconds) or leave the fraction out, and the warehouse preset reads all three. Digits past the
// microsecond are cut, as the contract's ISO reading cuts them: an instant never moves into the next
// second, day or month.

describe('presets.segment warehouse layout: Snowflake TIMESTAMP_TZ spellings', () => {
  it('reads the offset spelling without a fraction and with nanoseconds, cut to the microsecond', async () => {
    const csv = [
      'ID,ANONYMOUS_ID,CONTEXT_GROUP_ID,EVENT,EVENT_TEXT,TIMESTAMP,USER_ID',
      'sf-1,anon-1,A1,signed_up,Signed Up,2026-03-01 10:00:00 +0000,u1',
      'sf-2,anon-2,A1,signed_up,Signed Up,2026-03-01 11:00:00.123456789 +0100,u1',
      'sf-3,anon-3,A1,signed_up,Signed Up,2026-03-01 12:00:00.5 +0000,u1',
      'sf-4,anon-4,A1,signed_up,Signed Up,2026-03-31 23:59:59.999999999 +0000,u1',
    ].join('\n');
    await withConfigIngested(
      {
        'accounts.csv': CANONICAL_ACCOUNTS,
        'subscriptions.csv': CANONICAL_SUBSCRIPTIONS,
        'segment/tracks.csv': `${csv}\n`,
      },
      { presets: { segment: {} } },
      async ({ raw, quarantine }) => {
        expect(await quarantine('events')).toEqual([]);
        expect(await raw('events', 'event_id, occurred_at::varchar as occurred_at')).toEqual([
          { event_id: 'sf-1', occurred_at: '2026-03-01 10:00:00' },
          { event_id: 'sf-2', occurred_at: '2026-03-01 10:00:00.123456' },
          { event_id: 'sf-3', occurred_at: '2026-03-01 12:00:00.5' },
          { event_id: 'sf-4', occurred_at: '2026-03-31 23:59:59.999999' },
        ]);
      },
    );
  });
});
