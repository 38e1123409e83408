import { describe, expect, it } from 'vitest';
import {
  CANONICAL_ACCOUNTS,
  CANONICAL_SUBSCRIPTIONS,
  configErrorOf,
  withConfigIngested,
} from './support/ingest-with-config.js';

const canonical = { 'accounts.csv': CANONICAL_ACCOUNTS, 'subscriptions.csv': CANONICAL_SUBSCRIPTIONS };
const EVENT_COLUMNS = 'event_id, account_id, user_id, event_name, occurred_at::varchar as occurred_at';

/** The Segment warehouse `tracks` table as exported from Postgres/Redshift (text timestamps with +00). */
const TRACKS_CSV = [
  'id,anonymous_id,context_group_id,context_library_name,context_library_version,event,event_text,original_timestamp,received_at,sent_at,timestamp,user_id,uuid_ts',
  'ajs-1,anon-1,A1,analytics.js,4.1.0,signed_up,Signed Up,2024-03-01 09:59:58+00,2024-03-01 10:00:01+00,2024-03-01 09:59:59+00,2024-03-01 10:00:00+00,u1,2024-03-01 10:05:00+00',
  'ajs-2,anon-2,,analytics.js,4.1.0,report_viewed,Report Viewed,2024-03-02 08:00:00+00,2024-03-02 08:00:02+00,2024-03-02 08:00:01+00,2024-03-02 08:00:00+00,u2,2024-03-02 08:05:00+00',
  'ajs-3,anon-3,A2,analytics.js,4.1.0,report_viewed,Report Viewed,2024-03-03 08:00:00+00,2024-03-03 08:00:02+00,2024-03-03 08:00:01+00,2024-03-03 08:00:00+00,,2024-03-03 08:05:00+00',
  'ajs-4,anon-4,A2,analytics.js,4.1.0,value_moment,Value Moment,2024-03-04 08:00:00+00,2024-03-04 08:00:02+00,2024-03-04 08:00:01+00,yesterday,u4,2024-03-04 08:05:00+00',
  'ajs-5,anon-5,A9,analytics.js,4.1.0,signed_up,Signed Up,2024-03-05 08:00:00+00,2024-03-05 08:00:02+00,2024-03-05 08:00:01+00,2024-03-05 08:00:00+00,u5,2024-03-05 08:05:00+00',
  'ajs-6,anon-6,A2,analytics.js,4.1.0,value_moment,Value Moment,2024-03-06 11:30:00+02,2024-03-06 09:30:02+00,2024-03-06 09:30:01+00,2024-03-06 11:30:00+02,u6,2024-03-06 09:35:00+00',
].join('\n');

/** The `tracks` table exported from BigQuery (CSV): TIMESTAMP columns as `YYYY-MM-DD HH:MM:SS[.ffffff] UTC`. */
const BIGQUERY_TRACKS_CSV = [
  'id,anonymous_id,context_group_id,context_library_name,context_library_version,event,event_text,loaded_at,original_timestamp,received_at,sent_at,timestamp,user_id,uuid_ts',
  'ajs-1,anon-1,A1,analytics.js,4.1.0,signed_up,Signed Up,2026-03-01 10:07:00.431 UTC,2026-03-01 09:59:58 UTC,2026-03-01 10:00:01.27 UTC,2026-03-01 09:59:59.5 UTC,2026-03-01 10:00:00 UTC,u1,2026-03-01 10:05:00.652 UTC',
  'ajs-2,anon-2,A1,analytics.js,4.1.0,report_viewed,Report Viewed,2026-03-02 08:07:00 UTC,2026-03-02 08:00:00.123456 UTC,2026-03-02 08:00:02 UTC,2026-03-02 08:00:01 UTC,2026-03-02 08:00:00.123456 UTC,u1,2026-03-02 08:05:00 UTC',
  'ajs-3,anon-3,A2,analytics.js,4.1.0,value_moment,Value Moment,2026-03-03 08:07:00 UTC,2026-03-03 08:00:00.5 UTC,2026-03-03 08:00:02 UTC,2026-03-03 08:00:01 UTC,2026-03-03 08:00:00.5 UTC,u2,2026-03-03 08:05:00 UTC',
  'ajs-4,anon-4,A2,analytics.js,4.1.0,value_moment,Value Moment,2026-03-04 08:07:00 UTC,2026-03-04 08:00:00 UTC,2026-03-04 08:00:02 UTC,2026-03-04 08:00:01 UTC,2026-03-04T08:00:00.000001Z,u2,2026-03-04 08:05:00 UTC',
  'ajs-5,anon-5,A2,analytics.js,4.1.0,value_moment,Value Moment,2026-03-05 08:07:00 UTC,2026-03-05 08:00:00 UTC,2026-03-05 08:00:02 UTC,2026-03-05 08:00:01 UTC,2026-03-05 08:00:00 PST,u2,2026-03-05 08:05:00 UTC',
  'ajs-6,anon-6,A2,analytics.js,4.1.0,value_moment,Value Moment,2026-03-06 08:07:00 UTC,2026-03-06 08:00:00 UTC,2026-03-06 08:00:02 UTC,2026-03-06 08:00:01 UTC,2026-02-30 08:00:00 UTC,u2,2026-03-06 08:05:00 UTC',
].join('\n');

/** The reason ending of a warehouse timestamp in none of the spellings the layout reads. */
const NONE_OF_THE_WAREHOUSE_FORMATS =
  'does not match any of the formats iso, %Y-%m-%d %H:%M:%S UTC, %Y-%m-%d %H:%M:%S.%f UTC, %Y-%m-%d %H:%M:%S.%n %z, %Y-%m-%d %H:%M:%S %z';

/** Raw track calls, one JSON object per line, as Segment archives them. */
const trackCall = (messageId: string, fields: Record<string, unknown>) =>
  JSON.stringify({
    messageId,
    type: 'track',
    anonymousId: `anon-${messageId}`,
    receivedAt: '2024-03-01T10:00:01.000Z',
    sentAt: '2024-03-01T09:59:59.000Z',
    properties: {},
    ...fields,
  });

describe('presets.segment, layout warehouse (default): the tracks table → events', () => {
  it('reads id, context_group_id, user_id, event and timestamp; quarantines at the vendor file and line', async () => {
    await withConfigIngested(
      { ...canonical, 'segment/tracks.csv': TRACKS_CSV },
      { presets: { segment: {} } },
      async ({ config, raw, quarantine }) => {
        expect(config.sources?.events).toEqual({
          path: 'segment/',
          columns: {
            event_id: 'id',
            account_id: 'context_group_id',
            user_id: 'user_id',
            event_name: 'event',
            occurred_at: 'timestamp',
          },
          formats: {
            occurred_at: [
              'iso',
              '%Y-%m-%d %H:%M:%S UTC',
              '%Y-%m-%d %H:%M:%S.%f UTC',
              '%Y-%m-%d %H:%M:%S.%n %z',
              '%Y-%m-%d %H:%M:%S %z',
            ],
          },
          preset: 'segment',
        });
        expect(await raw('events', EVENT_COLUMNS)).toEqual([
          {
            event_id: 'ajs-1',
            account_id: 'A1',
            user_id: 'u1',
            event_name: 'signed_up',
            occurred_at: '2024-03-01 10:00:00',
          },
          {
            event_id: 'ajs-6',
            account_id: 'A2',
            user_id: 'u6',
            event_name: 'value_moment',
            occurred_at: '2024-03-06 09:30:00',
          },
        ]);
        expect(await quarantine('events')).toEqual([
          {
            file: 'segment/tracks.csv',
            line: 3,
            column: 'account_id',
            reason_code: 'missing_required',
            reason: '`context_group_id` (events.account_id) is empty but required',
          },
          {
            file: 'segment/tracks.csv',
            line: 4,
            column: 'user_id',
            reason_code: 'missing_required',
            reason: '`user_id` (events.user_id) is empty but required',
          },
          {
            file: 'segment/tracks.csv',
            line: 5,
            column: 'occurred_at',
            reason_code: 'wrong_type',
            reason: `\`timestamp\` (events.occurred_at) 'yesterday' ${NONE_OF_THE_WAREHOUSE_FORMATS}`,
          },
          {
            file: 'segment/tracks.csv',
            line: 6,
            column: 'account_id',
            reason_code: 'orphan_account',
            reason: "`context_group_id` (events.account_id) 'A9' does not match any account_id in accounts",
          },
        ]);
      },
    );
  });

  it('account_id names another column of the table (a property synced as its own column)', async () => {
    const csv = ['id,event,timestamp,user_id,account_id', 'm1,login,2024-03-01T10:00:00Z,u1,A2'].join('\n');
    await withConfigIngested(
      { ...canonical, 'segment/tracks.csv': csv },
      { presets: { segment: { account_id: 'account_id' } } },
      async ({ raw, quarantine }) => {
        expect(await raw('events', EVENT_COLUMNS)).toEqual([
          {
            event_id: 'm1',
            account_id: 'A2',
            user_id: 'u1',
            event_name: 'login',
            occurred_at: '2024-03-01 10:00:00',
          },
        ]);
        expect(await quarantine('events')).toEqual([]);
      },
    );
  });
  it('date_format names the spelling of a warehouse whose output format was changed', async () => {
    // Snowflake with TIMESTAMP_OUTPUT_FORMAT = 'MM/DD/YYYY HH24:MI:SS' set on the account that unloads.
    const csv = [
      'id,context_group_id,event,timestamp,user_id',
      'm1,A1,login,03/01/2026 10:00:00,u1',
      'm2,A1,login,2026-03-01T10:00:00Z,u2',
    ].join('\n');
    await withConfigIngested(
      { ...canonical, 'segment/tracks.csv': csv },
      { presets: { segment: { date_format: '%m/%d/%Y %H:%M:%S' } } },
      async ({ config, raw, quarantine }) => {
        expect(config.sources?.events?.formats).toEqual({ occurred_at: '%m/%d/%Y %H:%M:%S' });
        expect(await raw('events', EVENT_COLUMNS)).toEqual([
          {
            event_id: 'm1',
            account_id: 'A1',
            user_id: 'u1',
            event_name: 'login',
            occurred_at: '2026-03-01 10:00:00',
          },
        ]);
        expect(await quarantine('events')).toEqual([
          {
            file: 'segment/tracks.csv',
            line: 3,
            column: 'occurred_at',
            reason_code: 'wrong_type',
            reason:
              "`timestamp` (events.occurred_at) '2026-03-01T10:00:00Z' does not match the format %m/%d/%Y %H:%M:%S",
          },
        ]);
      },
    );
  });

  it('reads the table as BigQuery exports it (… UTC, with or without fractional seconds) with no config', async () => {
    await withConfigIngested(
      { ...canonical, 'segment/tracks-000000000000.csv': BIGQUERY_TRACKS_CSV },
      { presets: { segment: {} } },
      async ({ raw, quarantine }) => {
        expect(await raw('events', EVENT_COLUMNS)).toEqual([
          {
            event_id: 'ajs-1',
            account_id: 'A1',
            user_id: 'u1',
            event_name: 'signed_up',
            occurred_at: '2026-03-01 10:00:00',
          },
          {
            event_id: 'ajs-2',
            account_id: 'A1',
            user_id: 'u1',
            event_name: 'report_viewed',
            occurred_at: '2026-03-02 08:00:00.123456',
          },
          {
            event_id: 'ajs-3',
            account_id: 'A2',
            user_id: 'u2',
            event_name: 'value_moment',
            occurred_at: '2026-03-03 08:00:00.5',
          },
          {
            event_id: 'ajs-4',
            account_id: 'A2',
            user_id: 'u2',
            event_name: 'value_moment',
            occurred_at: '2026-03-04 08:00:00.000001',
          },
        ]);
        expect(await quarantine('events')).toEqual([
          {
            file: 'segment/tracks-000000000000.csv',
            line: 6,
            column: 'occurred_at',
            reason_code: 'wrong_type',
            reason: `\`timestamp\` (events.occurred_at) '2026-03-05 08:00:00 PST' ${NONE_OF_THE_WAREHOUSE_FORMATS}`,
          },
          {
            file: 'segment/tracks-000000000000.csv',
            line: 7,
            column: 'occurred_at',
            reason_code: 'wrong_type',
            reason: `\`timestamp\` (events.occurred_at) '2026-02-30 08:00:00 UTC' ${NONE_OF_THE_WAREHOUSE_FORMATS}`,
          },
        ]);
      },
    );
  });

  // BigQuery writes its zone (`… UTC`), so a time_zone set for other exports must not move these times.
  it('time_zone leaves the times BigQuery writes in UTC where they are', async () => {
    await withConfigIngested(
      { ...canonical, 'segment/tracks-000000000000.csv': BIGQUERY_TRACKS_CSV },
      { presets: { segment: { time_zone: 'America/New_York' } } },
      async ({ raw }) => {
        expect(
          (await raw('events', EVENT_COLUMNS)).map((row) => (row as { occurred_at: string }).occurred_at),
        ).toEqual([
          '2026-03-01 10:00:00',
          '2026-03-02 08:00:00.123456',
          '2026-03-03 08:00:00.5',
          '2026-03-04 08:00:00.000001',
        ]);
      },
    );
  });

  it("reads BigQuery's JSON export and Snowflake's default TIMESTAMP_TZ and TIMESTAMP_NTZ output", async () => {
    // BigQuery's NEWLINE_DELIMITED_JSON export leaves NULL fields out and writes TIMESTAMP as in its CSV.
    const bigQueryJson = [
      {
        id: 'bq-1',
        anonymous_id: 'anon-1',
        context_group_id: 'A1',
        event: 'signed_up',
        event_text: 'Signed Up',
        timestamp: '2026-03-01 10:00:00.25 UTC',
        user_id: 'u1',
      },
    ]
      .map((row) => JSON.stringify(row))
      .join('\n');
    // Snowflake unloads with upper-case names; TIMESTAMP_TZ as YYYY-MM-DD HH24:MI:SS.FF3 TZHTZM, NTZ without the offset.
    const snowflakeCsv = [
      'ID,ANONYMOUS_ID,CONTEXT_GROUP_ID,EVENT,EVENT_TEXT,RECEIVED_AT,TIMESTAMP,USER_ID',
      'sf-1,anon-1,A1,signed_up,Signed Up,2026-03-02 10:00:01.000 +0000,2026-03-02 10:00:00.123 +0000,u1',
      'sf-2,anon-2,A2,value_moment,Value Moment,2026-03-02 10:00:01.000 +0000,2026-03-02 11:00:00.000 +0100,u2',
      'sf-3,anon-3,A2,value_moment,Value Moment,2026-03-03 08:00:01.000,2026-03-03 08:00:00.250,u2',
    ].join('\n');
    await withConfigIngested(
      {
        ...canonical,
        'segment/bigquery/tracks.jsonl': `${bigQueryJson}\n`,
        'segment/snowflake/tracks.csv': snowflakeCsv,
      },
      { presets: { segment: {} } },
      async ({ raw, quarantine }) => {
        expect(await raw('events', EVENT_COLUMNS)).toEqual([
          {
            event_id: 'bq-1',
            account_id: 'A1',
            user_id: 'u1',
            event_name: 'signed_up',
            occurred_at: '2026-03-01 10:00:00.25',
          },
          {
            event_id: 'sf-1',
            account_id: 'A1',
            user_id: 'u1',
            event_name: 'signed_up',
            occurred_at: '2026-03-02 10:00:00.123',
          },
          {
            event_id: 'sf-2',
            account_id: 'A2',
            user_id: 'u2',
            event_name: 'value_moment',
            occurred_at: '2026-03-02 10:00:00',
          },
          {
            event_id: 'sf-3',
            account_id: 'A2',
            user_id: 'u2',
            event_name: 'value_moment',
            occurred_at: '2026-03-03 08:00:00.25',
          },
        ]);
        expect(await quarantine('events')).toEqual([]);
      },
    );
  });

  it('date_format iso reads ISO 8601 only: the BigQuery spelling is then wrong_type', async () => {
    const csv = [
      'id,context_group_id,event,timestamp,user_id',
      'm1,A1,login,2026-03-01 10:00:00 UTC,u1',
    ].join('\n');
    await withConfigIngested(
      { ...canonical, 'segment/tracks.csv': csv },
      { presets: { segment: { date_format: 'iso' } } },
      async ({ config, quarantine }) => {
        expect(config.sources?.events?.formats).toBeUndefined();
        expect(await quarantine('events')).toMatchObject([
          {
            line: 2,
            reason:
              "`timestamp` (events.occurred_at) '2026-03-01 10:00:00 UTC' is not an ISO 8601 timestamp: write it as YYYY-MM-DDTHH:MM:SS, optionally with Z or an offset such as +02:00",
          },
        ]);
      },
    );
  });
});

describe('presets.segment, layout json: raw track calls → events', () => {
  it('reads messageId, context.groupId, userId, event and timestamp; a call without a group is missing_required naming context.groupId', async () => {
    const lines = [
      trackCall('m1', {
        userId: 'u1',
        event: 'Signed Up',
        timestamp: '2024-03-01T10:00:00.000Z',
        context: { groupId: 'A1', library: { name: 'analytics.js' } },
      }),
      trackCall('m2', {
        userId: 'u2',
        event: 'Report Viewed',
        timestamp: '2024-03-02T08:00:00Z',
        context: {},
      }),
      trackCall('m3', {
        userId: 'u3',
        event: 'Value Moment',
        timestamp: '2024-03-03T08:00:00+01:00',
        context: { groupId: 'A2' },
      }),
    ];
    await withConfigIngested(
      { ...canonical, 'segment/2024/03/tracks.jsonl': `${lines.join('\n')}\n` },
      { presets: { segment: { layout: 'json' } } },
      async ({ raw, quarantine }) => {
        expect(await raw('events', EVENT_COLUMNS)).toEqual([
          {
            event_id: 'm1',
            account_id: 'A1',
            user_id: 'u1',
            event_name: 'Signed Up',
            occurred_at: '2024-03-01 10:00:00',
          },
          {
            event_id: 'm3',
            account_id: 'A2',
            user_id: 'u3',
            event_name: 'Value Moment',
            occurred_at: '2024-03-03 07:00:00',
          },
        ]);
        expect(await quarantine('events')).toEqual([
          {
            file: 'segment/2024/03/tracks.jsonl',
            line: 2,
            column: 'account_id',
            reason_code: 'missing_required',
            reason: '`context.groupId` (events.account_id) is empty but required',
          },
        ]);
      },
    );
  });

  it('account_id takes a dotted key (properties.account_id)', async () => {
    const line = trackCall('m1', {
      userId: 'u1',
      event: 'Login',
      timestamp: '2024-03-01T10:00:00Z',
      properties: { account_id: 'A1' },
    });
    await withConfigIngested(
      { ...canonical, 'events-archive/a.ndjson': `${line}\n` },
      {
        presets: {
          segment: { layout: 'json', path: 'events-archive/', account_id: 'properties.account_id' },
        },
      },
      async ({ raw }) => {
        expect(await raw('events', EVENT_COLUMNS)).toEqual([
          {
            event_id: 'm1',
            account_id: 'A1',
            user_id: 'u1',
            event_name: 'Login',
            occurred_at: '2024-03-01 10:00:00',
          },
        ]);
      },
    );
  });
});

describe('presets.segment, layout json: an archive holds other calls than track', () => {
  it('identify, page, screen, group and alias calls are left out and counted, not quarantined', async () => {
    const call = (messageId: string, type: string, fields: Record<string, unknown> = {}) =>
      JSON.stringify({ ...JSON.parse(trackCall(messageId, fields)), type });
    const lines = [
      trackCall('m1', {
        userId: 'u1',
        event: 'Signed Up',
        timestamp: '2024-03-01T10:00:00Z',
        context: { groupId: 'A1' },
      }),
      call('m2', 'identify', { userId: 'u1', traits: { email: 'a@example.com' } }),
      call('m3', 'page', { userId: 'u1', name: 'Home', context: { groupId: 'A1' } }),
      call('m4', 'Screen', { userId: 'u1', name: 'Settings' }),
      call('m5', 'group', { userId: 'u1', groupId: 'A1' }),
      call('m6', 'alias', { userId: 'u1', previousId: 'anon-1' }),
    ];
    await withConfigIngested(
      { ...canonical, 'segment/archive.jsonl': `${lines.join('\n')}\n` },
      { presets: { segment: { layout: 'json' } } },
      async ({ report, raw, quarantine }) => {
        expect(await raw('events', 'event_id')).toEqual([{ event_id: 'm1' }]);
        expect(await quarantine('events')).toEqual([]);
        expect(report.sources.find((source) => source.name === 'events')?.notes).toEqual([
          'segment/archive.jsonl: 5 rows left out as not a track call (type identify or page or screen or group or alias)',
        ]);
      },
    );
  });
});

describe('presets.segment options: config errors name the key', () => {
  it.each([
    [{ account_id: ' ' }, 'presets.segment.account_id: must name a column'],
    [{ layout: 's3' }, 'presets.segment.layout: Invalid option: expected one of "warehouse"|"json"'],
    [{ path: '../segment' }, 'presets.segment.path: must be relative to the data folder'],
    [{ acount_id: 'x' }, 'presets.segment: unknown key "acount_id"'],
    [
      { date_format: 'dd/mm/yyyy' },
      'presets.segment.date_format: unknown format "dd/mm/yyyy" for a timestamp column',
    ],
  ])('rejects %j', async (options, expected) => {
    expect(await configErrorOf({ presets: { segment: options } })).toContain(
      `pulse.config.json: ${expected}`,
    );
  });

  it('a preset path already read by a sources entry is an error at presets.segment.path', async () => {
    expect(
      await configErrorOf({
        presets: { segment: { path: 'exports/' } },
        sources: { tickets: { path: 'exports' } },
      }),
    ).toContain('pulse.config.json: presets.segment.path: "exports/" is already read by sources.tickets');
  });
});
