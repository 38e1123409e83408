import { describe, expect, it } from 'vitest';
import { configErrorOf } from '../presets/support/ingest-with-config.js';

describe('sources.<source>.time_zone in pulse.config.json', () => {
  it('takes IANA names, UTC included', async () => {
    expect(await configErrorOf({ sources: { accounts: { time_zone: 'America/New_York' } } })).toBeUndefined();
    expect(await configErrorOf({ sources: { tickets: { time_zone: 'UTC' } } })).toBeUndefined();
    expect(await configErrorOf({ presets: { zendesk: { time_zone: 'Europe/Paris' } } })).toBeUndefined();
  });

  it('a misspelt zone is a config error with the nearest name', async () => {
    expect(await configErrorOf({ sources: { events: { time_zone: 'Europe/Pariss' } } })).toContain(
      'pulse.config.json: sources.events.time_zone: "Europe/Pariss" is not an IANA time zone; did you mean "Europe/Paris"?',
    );
    // Spaces around a name would reach the warehouse's zone lookup as they are.
    expect(await configErrorOf({ sources: { events: { time_zone: ' UTC' } } })).toContain(
      'sources.events.time_zone: " UTC" is not an IANA time zone',
    );
  });

  it('on a source without timestamps, it would change nothing: a config error says so', async () => {
    expect(await configErrorOf({ sources: { subscriptions: { time_zone: 'Europe/Paris' } } })).toContain(
      'pulse.config.json: sources.subscriptions.time_zone: subscriptions has no timestamp column (its dates are calendar dates, read as written): drop time_zone',
    );
  });
});
