import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/index.js';
import { baseDataDirWith, ingestError, withIngested } from './support/ingest-harness.js';

// `sources.<source>.time_zone`: an export that writes wall-clock times of one zone with no offset (HubSpot
// writes the portal's zone). Expected instants computed by hand from the zones' offsets on each date.
describe('sources.<source>.time_zone: wall-clock times of a zone', () => {
  it('reads timestamps without an offset as times of the zone; Z, offsets and epochs are kept as written', async () => {
    const dir = await baseDataDirWith({
      'accounts.csv':
        'Record ID,name,Create Date\n' +
        // New York in daylight time (UTC-4): 22:30 on 31 March is 02:30 UTC on 1 April, April's signup.
        'A1,Acme,2026-03-31 22:30\n' +
        // In standard time (UTC-5): 20:00 on 31 January is 01:00 UTC on 1 February.
        'A2,Globex,2026-01-31 20:00\n' +
        // Z and an offset name their zone: as written.
        'A3,Initech,2026-03-31T22:30:00Z\n' +
        'A4,Umbrella,2026-03-31T22:30:00+02:00\n' +
        // 01:30 happens twice on 1 November (the clocks go back at 02:00): the second, standard time, 06:30 UTC.
        'A5,Hooli,2026-11-01 01:30\n' +
        // 02:30 does not happen on 8 March (the clocks go forward at 02:00): read as standard time, 07:30 UTC.
        'A6,Stark,2026-03-08 02:30\n' +
        // A date alone is the zone's midnight: 04:00 UTC in daylight time.
        'A7,Wayne,2026-03-31\n',
      'invoices.csv':
        'invoice_id,account_id,issued_at,amount,currency,status\n' +
        // Paris in summer time (UTC+2), through a strptime pattern without a zone.
        'I1,A1,01/04/2026 01:30,49.90,USD,paid\n' +
        // A pattern that writes its zone as text (BigQuery's `… UTC`, a trailing Z) reads instants.
        'I2,A1,2026-04-01 01:30:00 UTC,49.90,USD,paid\n' +
        'I3,A1,2026-04-01T01:30:00Z,49.90,USD,paid\n',
      'survey_responses.csv':
        'response_id,account_id,survey,score,responded_at\n' +
        // An epoch is an instant: no zone moves it.
        'R1,A1,nps,9,1775010600\n',
    });
    const config = {
      sources: {
        accounts: {
          columns: { account_id: 'Record ID', created_at: 'Create Date' },
          time_zone: 'America/New_York',
        },
        invoices: {
          formats: { issued_at: ['%d/%m/%Y %H:%M', '%Y-%m-%d %H:%M:%S UTC', '%Y-%m-%dT%H:%M:%SZ'] },
          time_zone: 'Europe/Paris',
        },
        survey_responses: { formats: { responded_at: 'epoch_s' }, time_zone: 'Asia/Tokyo' },
      },
    };
    await withIngested(
      dir,
      async ({ raw, quarantine }) => {
        const accounts = await raw<{ account_id: string; created_at: Date }>('accounts');
        expect(
          Object.fromEntries(accounts.map((row) => [row.account_id, row.created_at.toISOString()])),
        ).toEqual({
          A1: '2026-04-01T02:30:00.000Z',
          A2: '2026-02-01T01:00:00.000Z',
          A3: '2026-03-31T22:30:00.000Z',
          A4: '2026-03-31T20:30:00.000Z',
          A5: '2026-11-01T06:30:00.000Z',
          A6: '2026-03-08T07:30:00.000Z',
          A7: '2026-03-31T04:00:00.000Z',
        });
        const invoices = await raw<{ invoice_id: string; issued_at: Date }>('invoices');
        expect(
          Object.fromEntries(invoices.map((row) => [row.invoice_id, row.issued_at.toISOString()])),
        ).toEqual({
          I1: '2026-03-31T23:30:00.000Z',
          I2: '2026-04-01T01:30:00.000Z',
          I3: '2026-04-01T01:30:00.000Z',
        });
        const [response] = await raw<{ responded_at: Date }>('survey_responses');
        expect(response!.responded_at.toISOString()).toBe('2026-04-01T02:30:00.000Z');
        expect(await quarantine('accounts')).toEqual([]);
      },
      { config },
    );
  });

  // Read in Kiritimati (UTC+14), March's first midnight would be 28 February in UTC: a month stays a month.
  it('leaves dates and months as written: a calendar date has no zone', async () => {
    const dir = await baseDataDirWith({
      'spend.csv': 'month,channel,category,amount,currency\n2026-03,ads,marketing,100,USD\n',
    });
    await withIngested(
      dir,
      async ({ raw }) => {
        const [spend] = await raw<{ month: unknown }>('spend');
        expect(String(spend!.month)).toBe('2026-03-01');
      },
      { config: { sources: { spend: { time_zone: 'Pacific/Kiritimati' } } } },
    );
  });

  // Core is handed configs the models' schema never checked (a project on core's API): an unknown zone is
  // core's config error naming the key, not the warehouse's failure deep in the judging SQL.
  it('an unknown zone is a config error naming the source key and the nearest zone', async () => {
    // Times without an offset: the zone is used (the base accounts write Z, which no zone moves).
    const wallClock = () =>
      baseDataDirWith({
        'accounts.csv': 'account_id,name,created_at\nA1,Acme,2024-01-05 10:00\nA2,Globex,2024-02-01 09:30\n',
      });
    const error = await ingestError(await wallClock(), {
      config: { sources: { accounts: { time_zone: 'America/NewYork' } } },
    });
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toBe(
      'pulse.config.json: sources.accounts.time_zone: "America/NewYork" is not an IANA time zone; did you mean "America/New_York"? (names such as America/New_York, Europe/Paris or UTC)',
    );
    // Written by a mapping preset: its option is the key to fix.
    // (A failed ingestion removes its data folder: a fresh one.)
    const fromPreset = await ingestError(await wallClock(), {
      config: { sources: { accounts: { preset: 'hubspot', time_zone: 'Mars/Olympus' } } },
    });
    expect(fromPreset).toBeInstanceOf(ConfigError);
    expect((fromPreset as Error).message).toBe(
      'pulse.config.json: presets.hubspot.time_zone: "Mars/Olympus" is not an IANA time zone (names such as America/New_York, Europe/Paris or UTC)',
    );
  });
});
