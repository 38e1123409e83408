import type { IngestReport } from '@pulse/core';
import { describe, expect, it } from 'vitest';
import { CANONICAL_SUBSCRIPTIONS, configErrorOf, withConfigIngested } from './support/ingest-with-config.js';

const TICKET_COLUMNS =
  'ticket_id, account_id, created_at::varchar as created_at, first_response_at::varchar as first_response_at, ' +
  'resolved_at::varchar as resolved_at, priority, channel';

const ticketNotes = (report: IngestReport) =>
  report.sources.find((source) => source.name === 'tickets')?.notes ?? [];

/** The shipped Zendesk layouts' rule: a soft-deleted ticket keeps its row with status `deleted`. */
const DELETED = { values: ['deleted'], reason: 'deleted' };

/** Accounts keyed by Zendesk organization ids, so the default account_id (organization_id) matches. */
const ORGANIZATION_ACCOUNTS = {
  'accounts.csv': [
    'account_id,name,created_at',
    '370295712714,Acme,2019-01-01',
    '370469077513,Globex,2019-01-01',
  ].join('\n'),
  'subscriptions.csv': CANONICAL_SUBSCRIPTIONS.replace('S1,A1', 'S1,370295712714'),
};

/** Fivetran's `ticket` table, header exactly as its dbt_zendesk_source seed. */
const FIVETRAN_TICKET = [
  'id,_fivetran_synced,allow_channelback,assignee_id,brand_id,created_at,description,due_at,external_id,forum_topic_id,group_id,has_incidents,is_public,organization_id,priority,problem_id,recipient,requester_id,status,subject,submitter_id,system_client,ticket_form_id,type,updated_at,url,via_channel,via_source_from_id,via_source_from_title,via_source_rel,via_source_to_address,via_source_to_name,merged_ticket_ids,via_source_from_address,followup_ids,via_followup_source_id',
  '1595,2020-03-20 02:32:49.426,FALSE,,360003529474,2020-02-19 01:54:52,description1,,,,360006965034,FALSE,TRUE,370295712714,,,email@email.com,396331237134,solved,subject1,396331237134,,360002048693,incident,2020-02-19 01:55:11,https://zendesk.com/api/v2/tickets/1595.json,web,,,,example@email.com,,[],,,',
  '16988,2021-01-13 20:09:16.325,FALSE,418284131934,360003529474,2020-12-22 00:19:23,description1,,,,360013366274,FALSE,TRUE,370469077513,high,,email@email.com,1500656884401,open,subject1,1500656884401,,360002048693,,2021-01-13 18:42:39,https://zendesk.com/api/v2/tickets/16988.json,email,,,,example@email.com,Support,[],,[],',
  '11071,2020-10-02 14:08:33.216,FALSE,,360003529474,2020-08-28 18:06:36,description1,,,,,FALSE,TRUE,,,,email@email.com,419755385214,deleted,subject1,419755385214,,360002048693,,2020-09-02 11:01:27,https://zendesk.com/api/v2/tickets/11071.json,email,,,,X,Support,[],,,',
  '16988,2021-01-14 20:09:16.325,FALSE,418284131934,360003529474,2020-12-22 00:19:23,description1,,,,360013366274,FALSE,TRUE,370469077513,high,,email@email.com,1500656884401,open,subject1,1500656884401,,360002048693,,2021-01-14 18:42:39,https://zendesk.com/api/v2/tickets/16988.json,email,,,,example@email.com,Support,[],,[],',
].join('\n');

/** dbt_zendesk's zendesk__ticket_metrics model, exported (a subset of its columns, names as documented). */
const TICKET_METRICS = [
  'ticket_id,url,assignee_id,created_at,type,subject,priority,status,requester_id,organization_id,created_channel,first_reply_time_calendar_minutes,first_solved_at,last_solved_at,first_resolution_calendar_minutes',
  '1595,https://zendesk.com/api/v2/tickets/1595.json,,2020-02-19 01:54:52,incident,subject1,urgent,solved,396331237134,370295712714,web,12,2020-02-19 05:00:00,2020-02-20 09:30:00,185',
  '1966,https://zendesk.com/api/v2/tickets/1966.json,,2020-02-27 06:05:08,,subject2,low,open,402813302773,370469077513,email,,,,',
  '2001,https://zendesk.com/api/v2/tickets/2001.json,,2020-03-02 10:00:00,,subject3,normal,solved,402813302773,370469077513,email,5,2020-03-01 09:00:00,2020-03-01 09:00:00,-60',
  // The model keeps deleted tickets (no filter on status): this one would count as resolved.
  '2002,https://zendesk.com/api/v2/tickets/2002.json,,2020-03-03 10:00:00,,subject4,high,deleted,402813302773,370469077513,email,5,2020-03-03 11:00:00,2020-03-03 11:00:00,60',
].join('\n');

/** One ticket of the Support API / JSON export, with its metric set embedded. */
const ticketJson = (id: number, fields: Record<string, unknown>) =>
  JSON.stringify({
    url: `https://example.zendesk.com/api/v2/tickets/${id}.json`,
    id,
    external_id: null,
    via: { channel: 'web', source: { from: {}, to: {}, rel: null } },
    updated_at: '2024-03-05T12:00:00Z',
    type: 'question',
    subject: `ticket ${id}`,
    status: 'open',
    requester_id: 20978392,
    tags: ['billing'],
    ...fields,
  });

const metricSet = (solvedAt: string | null) => ({
  solved_at: solvedAt,
  reply_time_in_minutes: { calendar: 42, business: 30 },
  first_resolution_time_in_minutes: { calendar: null, business: null },
});

/** The Support CSV export's header. */
const CSV_HEADER =
  'Summation column,Id,Requester,Requester id,Requester external id,Requester email,Requester domain,Submitter,Assignee,Group,Subject,Tags,Status,Priority,Via,Ticket type,Created at,Updated at,Assigned at,Organization,Due date,Initially assigned at,Solved at,Resolution time,Satisfaction Score,Group stations,Assignee stations,Reopens,Replies,First reply time in minutes,First reply time in minutes within business hours,First resolution time in minutes,First resolution time in minutes within business hours,Full resolution time in minutes,Full resolution time in minutes within business hours,Agent wait time in minutes,Agent wait time in minutes within business hours,Requester wait time in minutes,Requester wait time in minutes within business hours,On hold time in minutes,On hold time in minutes within business hours';

const csvRow = (
  id: number,
  organization: string,
  priority: string,
  via: string,
  created: string,
  solved: string,
) =>
  [
    1,
    id,
    'Jane Roe',
    20978392,
    '',
    'jane@example.com',
    'example.com',
    'Jane Roe',
    'Sam Agent',
    'Support',
    `ticket ${id}`,
    'billing',
    solved ? 'Solved' : 'Open',
    priority,
    via,
    'Question',
    created,
    created,
    created,
    organization,
    '',
    created,
    solved,
    '',
    'Not Offered',
    1,
    1,
    0,
    1,
    42,
    30,
    '',
    '',
    '',
    '',
    0,
    0,
    42,
    30,
    0,
    0,
  ].join(',');

describe('presets.zendesk, layout fivetran (default): the ticket table → tickets', () => {
  it('reads id, organization_id, created_at, priority and via_channel; no solve time in that table', async () => {
    await withConfigIngested(
      { ...ORGANIZATION_ACCOUNTS, 'zendesk/ticket.csv': FIVETRAN_TICKET },
      { presets: { zendesk: {} } },
      async ({ config, report, raw, quarantine }) => {
        expect(config.sources?.tickets).toEqual({
          path: 'zendesk/',
          columns: {
            ticket_id: 'id',
            account_id: 'organization_id',
            created_at: 'created_at',
            priority: 'priority',
            channel: 'via_channel',
          },
          // The warehouses' default spellings, as in the Segment warehouse layout.
          formats: {
            created_at: [
              'iso',
              '%Y-%m-%d %H:%M:%S UTC',
              '%Y-%m-%d %H:%M:%S.%f UTC',
              '%Y-%m-%d %H:%M:%S.%n %z',
              '%Y-%m-%d %H:%M:%S %z',
            ],
          },
          leave_out: [
            { column: 'status', ...DELETED },
            {
              column: '_fivetran_deleted',
              values: ['true', 't', '1'],
              reason: 'deleted at the source',
              optional: true,
            },
          ],
          preset: 'zendesk',
        });
        expect(await raw('tickets', TICKET_COLUMNS)).toEqual([
          {
            ticket_id: '1595',
            account_id: '370295712714',
            created_at: '2020-02-19 01:54:52',
            first_response_at: null,
            resolved_at: null,
            priority: 'normal',
            channel: 'web',
          },
          {
            ticket_id: '16988',
            account_id: '370469077513',
            created_at: '2020-12-22 00:19:23',
            first_response_at: null,
            resolved_at: null,
            priority: 'high',
            channel: 'email',
          },
        ]);
        // Ticket 11071 of the seed is deleted (status deleted): left out, neither loaded nor quarantined.
        expect(await quarantine('tickets')).toEqual([
          {
            file: 'zendesk/ticket.csv',
            line: 5,
            column: 'ticket_id',
            reason_code: 'duplicate_id',
            reason:
              "`id` (tickets.ticket_id) '16988' repeats an earlier row (the first one in file order is kept)",
          },
        ]);
        expect(ticketNotes(report)).toEqual([
          'zendesk/ticket.csv: 1 row left out as deleted (status deleted)',
        ]);
      },
    );
  });
});

describe('presets.zendesk, layout fivetran_metrics: dbt_zendesk zendesk__ticket_metrics → tickets', () => {
  it('reads last_solved_at as resolved_at; solved before created is bad_order; deleted tickets left out', async () => {
    await withConfigIngested(
      { ...ORGANIZATION_ACCOUNTS, 'zendesk/zendesk__ticket_metrics.csv': TICKET_METRICS },
      { presets: { zendesk: { layout: 'fivetran_metrics' } } },
      async ({ report, raw, quarantine }) => {
        expect(await raw('tickets', TICKET_COLUMNS)).toEqual([
          {
            ticket_id: '1595',
            account_id: '370295712714',
            created_at: '2020-02-19 01:54:52',
            first_response_at: null,
            resolved_at: '2020-02-20 09:30:00',
            priority: 'urgent',
            channel: 'web',
          },
          {
            ticket_id: '1966',
            account_id: '370469077513',
            created_at: '2020-02-27 06:05:08',
            first_response_at: null,
            resolved_at: null,
            priority: 'low',
            channel: 'email',
          },
        ]);
        expect(await quarantine('tickets')).toEqual([
          {
            file: 'zendesk/zendesk__ticket_metrics.csv',
            line: 4,
            column: 'resolved_at',
            reason_code: 'bad_order',
            reason:
              '`last_solved_at` (tickets.resolved_at) 2020-03-01T09:00:00Z is before `created_at` (tickets.created_at) 2020-03-02T10:00:00Z',
          },
        ]);
        expect(ticketNotes(report)).toEqual([
          'zendesk/zendesk__ticket_metrics.csv: 1 row left out as deleted (status deleted)',
        ]);
      },
    );
  });
});

describe('presets.zendesk, layout fivetran_metrics: a ticket reopened after a solve is open', () => {
  /** dbt_zendesk keeps a reopened ticket's last solve in last_solved_at: only solved and closed hold it. */
  const REOPENED = [
    'ticket_id,created_at,priority,status,organization_id,created_channel,last_solved_at',
    '3001,2020-03-01 10:00:00,low,solved,370469077513,email,2020-03-02 10:00:00',
    '3002,2020-03-01 10:00:00,low, Closed ,370469077513,email,2020-03-03 10:00:00',
    '3003,2020-03-01 10:00:00,low,open,370469077513,email,2020-03-02 11:00:00',
    '3004,2020-03-01 10:00:00,low,pending,370469077513,email,2020-03-02 12:00:00',
    '3005,2020-03-01 10:00:00,low,hold,370469077513,email,2020-03-02 13:00:00',
    '3006,2020-03-01 10:00:00,low,new,370469077513,email,2020-03-02 14:00:00',
    // Reopened, and its old solve time unreadable: not read, so not judged either.
    '3007,2020-03-01 10:00:00,low,open,370469077513,email,yesterday',
    '3008,2020-03-01 10:00:00,low,,370469077513,email,2020-03-02 15:00:00',
  ].join('\n');

  it('reads resolved_at only where status is solved or closed', async () => {
    await withConfigIngested(
      { ...ORGANIZATION_ACCOUNTS, 'zendesk/zendesk__ticket_metrics.csv': REOPENED },
      { presets: { zendesk: { layout: 'fivetran_metrics' } } },
      async ({ raw, quarantine }) => {
        expect(await raw('tickets', 'ticket_id, resolved_at::varchar as resolved_at')).toEqual([
          { ticket_id: '3001', resolved_at: '2020-03-02 10:00:00' },
          { ticket_id: '3002', resolved_at: '2020-03-03 10:00:00' },
          { ticket_id: '3003', resolved_at: null },
          { ticket_id: '3004', resolved_at: null },
          { ticket_id: '3005', resolved_at: null },
          { ticket_id: '3006', resolved_at: null },
          { ticket_id: '3007', resolved_at: null },
          { ticket_id: '3008', resolved_at: null },
        ]);
        expect(await quarantine('tickets')).toEqual([]);
      },
    );
  });

  it('an export without the status column is a file error naming the preset', async () => {
    const withoutStatus = REOPENED.split('\n')
      .map((line) => line.split(',').toSpliced(3, 1).join(','))
      .join('\n');
    await expect(
      withConfigIngested(
        { ...ORGANIZATION_ACCOUNTS, 'zendesk/zendesk__ticket_metrics.csv': withoutStatus },
        { presets: { zendesk: { layout: 'fivetran_metrics' } } },
        async () => undefined,
      ),
    ).rejects.toThrow(
      /zendesk\/zendesk__ticket_metrics\.csv: the file has no column "status", which presets\.zendesk in pulse\.config\.json reads/,
    );
  });
});

describe('presets.zendesk, layout json: the Support JSON export → tickets', () => {
  it('reads organization_id, via.channel and metric_set.solved_at; solved before created is bad_order', async () => {
    const lines = [
      ticketJson(101, {
        created_at: '2024-03-01T09:00:00Z',
        priority: 'high',
        organization_id: 370295712714,
        status: 'solved',
        metric_set: metricSet('2024-03-02T10:30:00Z'),
      }),
      ticketJson(102, {
        created_at: '2024-03-03T09:00:00Z',
        priority: null,
        organization_id: 370469077513,
        via: { channel: 'email' },
        metric_set: metricSet(null),
      }),
      ticketJson(103, {
        created_at: '2024-03-04T09:00:00Z',
        priority: 'low',
        organization_id: 370469077513,
        status: 'solved',
        metric_set: metricSet('2024-03-04T08:00:00Z'),
      }),
      ticketJson(104, { created_at: '2024-03-05T09:00:00Z', priority: 'normal', organization_id: null }),
      // Exported although deleted (the export did not exclude deleted tickets).
      ticketJson(105, {
        created_at: '2024-03-05T10:00:00Z',
        priority: 'urgent',
        organization_id: 370295712714,
        status: 'deleted',
        metric_set: metricSet('2024-03-05T11:00:00Z'),
      }),
      // Reopened after a solve: status open, the metric set keeps its solve time. It is open.
      ticketJson(106, {
        created_at: '2024-03-06T09:00:00Z',
        priority: 'low',
        organization_id: 370295712714,
        status: 'open',
        metric_set: metricSet('2024-03-06T10:00:00Z'),
      }),
    ];
    await withConfigIngested(
      { ...ORGANIZATION_ACCOUNTS, 'zendesk/tickets.jsonl': `${lines.join('\n')}\n` },
      { presets: { zendesk: { layout: 'json' } } },
      async ({ report, raw, quarantine }) => {
        expect(await raw('tickets', TICKET_COLUMNS)).toEqual([
          {
            ticket_id: '101',
            account_id: '370295712714',
            created_at: '2024-03-01 09:00:00',
            first_response_at: null,
            resolved_at: '2024-03-02 10:30:00',
            priority: 'high',
            channel: 'web',
          },
          {
            ticket_id: '102',
            account_id: '370469077513',
            created_at: '2024-03-03 09:00:00',
            first_response_at: null,
            resolved_at: null,
            priority: 'normal',
            channel: 'email',
          },
          {
            ticket_id: '106',
            account_id: '370295712714',
            created_at: '2024-03-06 09:00:00',
            first_response_at: null,
            resolved_at: null,
            priority: 'low',
            channel: 'web',
          },
        ]);
        expect(await quarantine('tickets')).toEqual([
          {
            file: 'zendesk/tickets.jsonl',
            line: 3,
            column: 'resolved_at',
            reason_code: 'bad_order',
            reason:
              '`metric_set.solved_at` (tickets.resolved_at) 2024-03-04T08:00:00Z is before `created_at` (tickets.created_at) 2024-03-04T09:00:00Z',
          },
          {
            file: 'zendesk/tickets.jsonl',
            line: 4,
            column: 'account_id',
            reason_code: 'missing_required',
            reason: '`organization_id` (tickets.account_id) is empty but required',
          },
        ]);
        expect(ticketNotes(report)).toEqual([
          'zendesk/tickets.jsonl: 1 row left out as deleted (status deleted)',
        ]);
      },
    );
  });
});

describe('presets.zendesk, layout csv: the Support CSV export → tickets', () => {
  it('reads Id, Organization, Created at, Solved at, Priority and Via in the declared date_format', async () => {
    const csv = [
      CSV_HEADER,
      csvRow(7, 'Acme', 'Urgent', 'Web form', '2024-03-01 10:00:00 +0100', '2024-03-01 12:30:00 +0100'),
      csvRow(8, 'Globex', 'Normal', 'Mail', '2024-03-02 09:00:00 +0000', ''),
      csvRow(9, 'Globex', 'Low', 'Mail', '2024-03-03 09:00:00 +0000', 'soon'),
      // A deleted ticket, should the export hold one: Status Deleted.
      csvRow(10, 'Acme', 'High', 'Mail', '2024-03-04 09:00:00 +0000', '').replace(',Open,', ',Deleted,'),
      // Reopened after a solve: Status Open, its old solve time kept. It is open.
      csvRow(11, 'Acme', 'Low', 'Mail', '2024-03-05 09:00:00 +0000', '2024-03-05 10:00:00 +0000').replace(
        ',Solved,',
        ',Open,',
      ),
    ].join('\n');
    await withConfigIngested(
      {
        'accounts.csv': [
          'account_id,name,created_at',
          'Acme,Acme,2019-01-01',
          'Globex,Globex,2019-01-01',
        ].join('\n'),
        'subscriptions.csv': CANONICAL_SUBSCRIPTIONS.replace('S1,A1', 'S1,Acme'),
        'zendesk/export-2024-03.csv': csv,
      },
      { presets: { zendesk: { layout: 'csv', date_format: '%Y-%m-%d %H:%M:%S %z' } } },
      async ({ config, report, raw, quarantine }) => {
        expect(config.sources?.tickets?.formats).toEqual({
          created_at: '%Y-%m-%d %H:%M:%S %z',
          resolved_at: '%Y-%m-%d %H:%M:%S %z',
        });
        expect(await raw('tickets', TICKET_COLUMNS)).toEqual([
          {
            ticket_id: '7',
            account_id: 'Acme',
            created_at: '2024-03-01 09:00:00',
            first_response_at: null,
            resolved_at: '2024-03-01 11:30:00',
            priority: 'urgent',
            channel: 'Web form',
          },
          {
            ticket_id: '8',
            account_id: 'Globex',
            created_at: '2024-03-02 09:00:00',
            first_response_at: null,
            resolved_at: null,
            priority: 'normal',
            channel: 'Mail',
          },
          {
            ticket_id: '11',
            account_id: 'Acme',
            created_at: '2024-03-05 09:00:00',
            first_response_at: null,
            resolved_at: null,
            priority: 'low',
            channel: 'Mail',
          },
        ]);
        expect(await quarantine('tickets')).toEqual([
          {
            file: 'zendesk/export-2024-03.csv',
            line: 4,
            column: 'resolved_at',
            reason_code: 'wrong_type',
            reason: "`Solved at` (tickets.resolved_at) 'soon' does not match the format %Y-%m-%d %H:%M:%S %z",
          },
        ]);
        expect(ticketNotes(report)).toEqual([
          'zendesk/export-2024-03.csv: 1 row left out as deleted (Status deleted)',
        ]);
      },
    );
  });
});

describe('presets.zendesk options: config errors name the key', () => {
  it.each([
    [{ layout: 'xml' }, 'presets.zendesk.layout: Invalid option: expected one of'],
    [
      { date_format: 'dd/mm/yyyy' },
      'presets.zendesk.date_format: unknown format "dd/mm/yyyy" for a timestamp column',
    ],
    [{ account_id: '' }, 'presets.zendesk.account_id: must name a column'],
  ])('rejects %j', async (options, expected) => {
    expect(await configErrorOf({ presets: { zendesk: options } })).toContain(
      `pulse.config.json: ${expected}`,
    );
  });

  it('a preset and a sources entry for tickets is an error naming both', async () => {
    expect(
      await configErrorOf({ presets: { zendesk: {} }, sources: { tickets: { path: 'support/' } } }),
    ).toContain('pulse.config.json: sources.tickets: tickets is provided by presets.zendesk');
  });
});
