import { describe, expect, it } from 'vitest';
import {
  CANONICAL_ACCOUNTS,
  CANONICAL_SUBSCRIPTIONS,
  configErrorOf,
  withConfigIngested,
} from '../presets/support/ingest-with-config.js';

// `sources.<source>.formats.<column>` as a list of formats: config errors and the reasons' advice.

const eventsWith = (formats: unknown) => ({
  sources: { events: { path: 'product/', columns: { event_name: 'event' }, formats } },
});

describe('a list of formats', () => {
  it('the advice for an object in the column names the formats as the list reason does', async () => {
    const lines = [
      { event_id: 'E1', account_id: 'A1', user_id: 'u1', event: 'login', occurred_at: { t: 1 } },
      { event_id: 'E2', account_id: 'A1', user_id: 'u1', event: 'login', occurred_at: 'soon' },
    ].map((line) => JSON.stringify(line));
    await withConfigIngested(
      {
        'accounts.csv': CANONICAL_ACCOUNTS,
        'subscriptions.csv': CANONICAL_SUBSCRIPTIONS,
        'product/day1.jsonl': `${lines.join('\n')}\n`,
      },
      eventsWith({ occurred_at: ['%Y-%m-%d %H:%M:%S UTC', 'iso'] }),
      async ({ quarantine }) => {
        expect((await quarantine('events')).map((row) => row.reason)).toEqual([
          'occurred_at \'{"t":1}\' is an object, not a single value: ' +
            'write one value in one of the formats %Y-%m-%d %H:%M:%S UTC, iso',
          "occurred_at 'soon' does not match any of the formats %Y-%m-%d %H:%M:%S UTC, iso",
        ]);
      },
    );
  });

  it('a format listed twice is a config error naming the key', async () => {
    expect(await configErrorOf(eventsWith({ occurred_at: ['iso', '%d/%m/%Y', 'iso'] }))).toContain(
      'pulse.config.json: sources.events.formats.occurred_at: the format "iso" is listed twice',
    );
  });
});
