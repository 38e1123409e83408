import { describe, expect, it } from 'vitest';
import { configErrorOf, withConfigIngested } from './support/ingest-with-config.js';

const ACCOUNT_COLUMNS =
  'account_id, name, created_at::varchar as created_at, segment, region, acquisition_channel';

/** The companies export of HubSpot's default view: every cell quoted, datetimes as YYYY-MM-DD HH:MM. */
const DEFAULT_VIEW_HEADER =
  '"Record ID","Company name","Company owner","Create Date","Phone Number","Last Activity Date","City","Country/Region","Industry"';

const SUBSCRIPTIONS = [
  'subscription_id,account_id,plan,billing_interval,amount,currency,start_date',
  'S1,200000000001,pro,month,49.90,USD,2020-02-01',
].join('\n');

const quoted = (cells: string[]) => cells.map((cell) => `"${cell}"`).join(',');

describe('presets.hubspot: the companies export → accounts', () => {
  it('reads Record ID, Company name, Create Date and Country/Region of a default export', async () => {
    const csv = [
      DEFAULT_VIEW_HEADER,
      quoted([
        '200000000001',
        'Example Publishing',
        '',
        '2020-01-10 10:00',
        ' +12025550124',
        '2020-01-05 10:00',
        'Example City',
        'United States',
        'Publishing',
      ]),
      quoted(['200000000002', 'ExampleOrg', '', '2020-01-10 10:01', '', '', '', '', 'Information Services']),
    ].join('\n');
    await withConfigIngested(
      { 'hubspot/hubspot-crm-exports-all-companies-2024-03-01.csv': csv, 'subscriptions.csv': SUBSCRIPTIONS },
      { presets: { hubspot: {} } },
      async ({ config, raw, quarantine }) => {
        expect(config.sources?.accounts).toEqual({
          path: 'hubspot/',
          columns: {
            account_id: 'Record ID',
            name: 'Company name',
            created_at: 'Create Date',
            region: 'Country/Region',
          },
          preset: 'hubspot',
        });
        expect(await raw('accounts', ACCOUNT_COLUMNS)).toEqual([
          {
            account_id: '200000000001',
            name: 'Example Publishing',
            created_at: '2020-01-10 10:00:00',
            segment: 'unknown',
            region: 'United States',
            acquisition_channel: 'unknown',
          },
          {
            account_id: '200000000002',
            name: 'ExampleOrg',
            created_at: '2020-01-10 10:01:00',
            segment: 'unknown',
            region: 'unknown',
            acquisition_channel: 'unknown',
          },
        ]);
        expect(await quarantine('accounts')).toEqual([]);
      },
    );
  });

  it('segment and acquisition_channel from chosen properties, values mapped; quarantine names the HubSpot column', async () => {
    const header = `${DEFAULT_VIEW_HEADER},"Customer Tier","Original Source Type"`;
    const row = (id: string, created: string, tier: string, source: string) =>
      quoted([id, `Company ${id}`, 'Sam Owner', created, '', '', '', 'France', 'Software', tier, source]);
    const csv = [
      header,
      row('200000000001', '2020-01-10 10:00', 'Tier 1', 'Paid search'),
      row('200000000002', 'last week', 'Tier 2', 'Organic search'),
      row('', '2020-01-12 08:30', 'Tier 3', 'Direct traffic'),
      row('200000000004', '2020-01-13 08:30', '', 'Offline sources'),
      row('200000000001', '2020-01-14 08:30', 'Tier 2', 'Direct traffic'),
    ].join('\n');
    await withConfigIngested(
      { 'hubspot/companies.csv': csv, 'subscriptions.csv': SUBSCRIPTIONS },
      {
        presets: {
          hubspot: {
            segment: 'Customer Tier',
            acquisition_channel: 'Original Source Type',
            values: {
              segment: { 'Tier 1': 'enterprise', 'Tier 2': 'mid_market', 'Tier 3': 'smb' },
              acquisition_channel: { 'Paid search': 'ads', 'Organic search': 'seo' },
            },
          },
        },
      },
      async ({ raw, quarantine }) => {
        expect(await raw('accounts', ACCOUNT_COLUMNS)).toEqual([
          {
            account_id: '200000000001',
            name: 'Company 200000000001',
            created_at: '2020-01-10 10:00:00',
            segment: 'enterprise',
            region: 'France',
            acquisition_channel: 'ads',
          },
          {
            account_id: '200000000004',
            name: 'Company 200000000004',
            created_at: '2020-01-13 08:30:00',
            segment: 'unknown',
            region: 'France',
            acquisition_channel: 'Offline sources',
          },
        ]);
        expect(await quarantine('accounts')).toEqual([
          {
            file: 'hubspot/companies.csv',
            line: 3,
            column: 'created_at',
            reason_code: 'wrong_type',
            reason:
              "`Create Date` (accounts.created_at) 'last week' is not an ISO 8601 timestamp: write it as YYYY-MM-DDTHH:MM:SS, optionally with Z or an offset such as +02:00",
          },
          {
            file: 'hubspot/companies.csv',
            line: 4,
            column: 'account_id',
            reason_code: 'missing_required',
            reason: '`Record ID` (accounts.account_id) is empty but required',
          },
          {
            file: 'hubspot/companies.csv',
            line: 6,
            column: 'account_id',
            reason_code: 'duplicate_id',
            reason:
              "`Record ID` (accounts.account_id) '200000000001' repeats an earlier row (the first one in file order is kept)",
          },
        ]);
      },
    );
  });

  it('date_format reads another spelling; region null reads none; account_id names another property', async () => {
    const csv = [
      '"Stripe Customer ID","Company name","Create Date"',
      '"cus_1","Acme","03/01/2024 14:05"',
    ].join('\n');
    await withConfigIngested(
      {
        'crm/companies.csv': csv,
        'subscriptions.csv': SUBSCRIPTIONS.replace('200000000001', 'cus_1'),
      },
      {
        presets: {
          hubspot: {
            path: 'crm/companies.csv',
            account_id: 'Stripe Customer ID',
            region: null,
            date_format: '%m/%d/%Y %H:%M',
          },
        },
      },
      async ({ raw }) => {
        expect(await raw('accounts', ACCOUNT_COLUMNS)).toEqual([
          {
            account_id: 'cus_1',
            name: 'Acme',
            created_at: '2024-03-01 14:05:00',
            segment: 'unknown',
            region: 'unknown',
            acquisition_channel: 'unknown',
          },
        ]);
      },
    );
  });

  // HubSpot writes Create Date in the portal's time zone, with no offset. A company created at 22:30 on
  // 31 March in New York (UTC-4 then) signed up at 02:30 UTC on 1 April: April's cohort, not March's.
  it('time_zone reads Create Date as the portal’s wall-clock time', async () => {
    const csv = [
      DEFAULT_VIEW_HEADER,
      quoted(['200000000001', 'Late Signup', '', '2024-03-31 22:30', '', '', '', 'United States', '']),
      quoted(['200000000002', 'Winter Signup', '', '2024-01-31 19:00', '', '', '', 'United States', '']),
    ].join('\n');
    await withConfigIngested(
      { 'hubspot/companies.csv': csv, 'subscriptions.csv': SUBSCRIPTIONS },
      { presets: { hubspot: { time_zone: 'America/New_York' } } },
      async ({ config, raw }) => {
        expect(config.sources?.accounts).toMatchObject({ time_zone: 'America/New_York' });
        expect(
          (await raw('accounts', ACCOUNT_COLUMNS)).map((row) => (row as { created_at: string }).created_at),
        ).toEqual([
          '2024-04-01 02:30:00',
          // Standard time (UTC-5) in January.
          '2024-02-01 00:00:00',
        ]);
      },
    );
  });

  it('a property column missing from the export is a file error naming it', async () => {
    const csv = [DEFAULT_VIEW_HEADER, quoted(['1', 'Acme', '', '2020-01-10 10:00', '', '', '', '', ''])].join(
      '\n',
    );
    await expect(
      withConfigIngested(
        { 'hubspot/companies.csv': csv, 'subscriptions.csv': SUBSCRIPTIONS.replace('200000000001', '1') },
        { presets: { hubspot: { segment: 'Customer Tier' } } },
        async () => undefined,
      ),
    ).rejects.toThrow(/hubspot\/companies\.csv.*Customer Tier/);
  });
});

describe('presets.hubspot options: config errors name the key', () => {
  it.each([
    [
      { segment: 'Industry', region: 'industry' },
      'presets.hubspot.segment: "Industry" would be read as both accounts.region and accounts.segment',
    ],
    [
      { account_id: 'Company name' },
      'presets.hubspot.account_id: "Company name" would be read as both accounts.account_id and accounts.name',
    ],
    [{ values: { segmnt: { a: 'b' } } }, 'presets.hubspot.values: unknown key "segmnt"'],
    [{ date_format: 'US' }, 'presets.hubspot.date_format: unknown format "US" for a timestamp column'],
    [{ layout: 'csv' }, 'presets.hubspot: unknown key "layout"'],
    [
      { time_zone: 'America/New_Yrok' },
      'presets.hubspot.time_zone: "America/New_Yrok" is not an IANA time zone; did you mean "America/New_York"?',
    ],
  ])('rejects %j', async (options, expected) => {
    expect(await configErrorOf({ presets: { hubspot: options } })).toContain(
      `pulse.config.json: ${expected}`,
    );
  });
});
