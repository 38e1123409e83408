// Fivetran marks a row deleted at the source with `_fivetran_deleted` true; the row stays in the synced
// table (https://fivetran.com/docs/core-concepts/system-columns-and-tables). dbt_zendesk leaves such
// tickets out (int_zendesk__ticket_document: `where not coalesce(tickets._fivetran_deleted, False)`), and
// so does presets.zendesk in both Fivetran layouts, counting them. A table without the column (the
// dbt_zendesk_source seed of `ticket` has none) is read whole, without a warning.
import type { IngestReport } from '@pulse/core';
import { describe, expect, it } from 'vitest';
import { CANONICAL_SUBSCRIPTIONS, withConfigIngested } from './support/ingest-with-config.js';

const ticketsOf = (report: IngestReport) => report.sources.find((source) => source.name === 'tickets');

/** The warnings of tickets that name the soft-delete column (an unknown column, or a rule's missing one). */
const deletedWarnings = (report: IngestReport) =>
  (ticketsOf(report)?.warnings ?? []).filter((warning) => warning.includes('_fivetran_deleted'));

const ACCOUNTS = {
  'accounts.csv': 'account_id,name,created_at\n370295712714,Acme,2019-01-01\n370469077513,Globex,2019-01-01',
  'subscriptions.csv': CANONICAL_SUBSCRIPTIONS.replace('S1,A1', 'S1,370295712714'),
};

/** Fivetran's `ticket` table with its soft-delete column, in the column order of dbt_zendesk_source's get_ticket_columns. */
const HEADER =
  'id,_fivetran_synced,_fivetran_deleted,allow_channelback,assignee_id,brand_id,created_at,description,due_at,external_id,forum_topic_id,group_id,has_incidents,is_public,organization_id,priority,problem_id,recipient,requester_id,status,subject,submitter_id,system_client,ticket_form_id,type,updated_at,url,via_channel';

const ticket = (id: number, deleted: string, status = 'open') =>
  `${id},2024-03-01 02:32:49.426,${deleted},FALSE,,360003529474,2024-02-0${id % 9} 09:00:00,description1,,,,360006965034,FALSE,TRUE,370295712714,high,,email@email.com,396331237134,${status},subject1,396331237134,,360002048693,incident,2024-02-10 09:00:00,https://zendesk.com/api/v2/tickets/${id}.json,web`;

describe('presets.zendesk, Fivetran layouts: rows deleted at the source (_fivetran_deleted true)', () => {
  it('the ticket table: left out and counted, in the spellings a warehouse export writes a boolean', async () => {
    const csv = [
      HEADER,
      ticket(1, 'FALSE'),
      // BigQuery and Snowflake write TRUE/true; PostgreSQL and Redshift t; SQL Server's bit 1.
      ticket(2, 'TRUE'),
      ticket(3, 't'),
      ticket(4, ' 1 '),
      ticket(5, ''),
      ticket(6, 'f'),
      ticket(7, 'true', 'deleted'),
    ].join('\n');
    // A JSON export writes the boolean as one.
    const jsonl = [
      JSON.stringify({
        id: 8,
        _fivetran_deleted: true,
        created_at: '2024-02-08 09:00:00',
        organization_id: 370295712714,
        priority: 'low',
        status: 'open',
        via_channel: 'email',
      }),
      JSON.stringify({
        id: 9,
        _fivetran_deleted: false,
        created_at: '2024-02-09 09:00:00',
        organization_id: 370295712714,
        priority: 'low',
        status: 'open',
        via_channel: 'email',
      }),
    ].join('\n');
    await withConfigIngested(
      { ...ACCOUNTS, 'zendesk/ticket.csv': csv, 'zendesk/ticket-2.jsonl': jsonl },
      { presets: { zendesk: {} } },
      async ({ report, raw }) => {
        // Raw rows in file order: zendesk/ticket-2.jsonl sorts before zendesk/ticket.csv.
        expect(
          (await raw<{ ticket_id: string }>('tickets', 'ticket_id')).map((row) => row.ticket_id),
        ).toEqual(['9', '1', '5', '6']);
        expect(ticketsOf(report)?.rowsQuarantined).toBe(0);
        expect(ticketsOf(report)?.notes).toEqual([
          'zendesk/ticket-2.jsonl: 1 row left out as deleted at the source (_fivetran_deleted true or t or 1)',
          'zendesk/ticket.csv: 1 row left out as deleted (status deleted)',
          'zendesk/ticket.csv: 3 rows left out as deleted at the source (_fivetran_deleted true or t or 1)',
        ]);
        expect(deletedWarnings(report)).toEqual([]);
      },
    );
  });

  it('a ticket table without the column loses no row and says nothing about it', async () => {
    const csv = [
      'id,_fivetran_synced,created_at,organization_id,priority,status,via_channel',
      '1,2024-03-01 02:32:49.426,2024-02-01 09:00:00,370295712714,high,open,web',
    ].join('\n');
    await withConfigIngested(
      { ...ACCOUNTS, 'zendesk/ticket.csv': csv },
      { presets: { zendesk: {} } },
      async ({ report }) => {
        expect(ticketsOf(report)?.rowsLoaded).toBe(1);
        expect(deletedWarnings(report)).toEqual([]);
      },
    );
  });

  it('dbt_zendesk zendesk__ticket_metrics keeps the column (zendesk.yml): its deleted rows are left out too', async () => {
    const csv = [
      'ticket_id,created_at,priority,status,organization_id,created_channel,last_solved_at,_fivetran_deleted',
      '1595,2020-02-19 01:54:52,urgent,solved,370295712714,web,2020-02-20 09:30:00,false',
      '1966,2020-02-27 06:05:08,low,solved,370469077513,email,2020-02-28 09:30:00,true',
    ].join('\n');
    await withConfigIngested(
      { ...ACCOUNTS, 'zendesk/zendesk__ticket_metrics.csv': csv },
      { presets: { zendesk: { layout: 'fivetran_metrics' } } },
      async ({ report, raw }) => {
        expect(
          (await raw<{ ticket_id: string }>('tickets', 'ticket_id')).map((row) => row.ticket_id),
        ).toEqual(['1595']);
        expect(ticketsOf(report)?.notes).toEqual([
          'zendesk/zendesk__ticket_metrics.csv: 1 row left out as deleted at the source (_fivetran_deleted true or t or 1)',
        ]);
      },
    );
  });
});
