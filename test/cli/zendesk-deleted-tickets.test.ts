// Zendesk soft-deletes tickets: Fivetran's `ticket` table keeps them with status `deleted`. End to end
// with the real CLI and project, `presets.zendesk` leaves such rows out of raw.tickets, says how many
// were left out of which file and why (the build's summary, `pulse sources` and its JSON), and the
// support metrics are those of the other tickets, worked out by hand. A refresh keeps the counts of the
// files it does not read again and recounts the others, once.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Warehouse } from '@pulse/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PulseCliResult, runPulseCli } from '../support/run-pulse-cli.js';

const work = mkdtempSync(join(tmpdir(), 'pulse-zendesk-deleted-'));
const data = join(work, 'data');
const warehouse = join(work, 'wh.duckdb');

const pulse = (...args: string[]) => runPulseCli(work, args, { NO_COLOR: '1' });

/** Fivetran's `ticket` table, header exactly as dbt_zendesk_source's seed (integration_tests/seeds/ticket_data.csv). */
const HEADER =
  'id,_fivetran_synced,allow_channelback,assignee_id,brand_id,created_at,description,due_at,external_id,forum_topic_id,group_id,has_incidents,is_public,organization_id,priority,problem_id,recipient,requester_id,status,subject,submitter_id,system_client,ticket_form_id,type,updated_at,url,via_channel,via_source_from_id,via_source_from_title,via_source_rel,via_source_to_address,via_source_to_name,merged_ticket_ids,via_source_from_address,followup_ids,via_followup_source_id';

/** One row of that table, as the seed writes them. */
const ticket = (id: number, organization: string, createdAt: string, priority: string, status: string) =>
  `${id},2024-03-01 02:32:49.426,FALSE,,360003529474,${createdAt},description1,,,,360006965034,FALSE,TRUE,${organization},${priority},,email@email.com,396331237134,${status},subject1,396331237134,,360002048693,incident,${createdAt},https://zendesk.com/api/v2/tickets/${id}.json,web,,,,example@email.com,,[],,,`;

/** Product events of one day, one per kind given. */
const events = (day: number, kinds: readonly string[]) =>
  [
    'event_id,account_id,user_id,event,occurred_at,kind',
    ...kinds.map((kind, index) => `e${day}-${index},${ACME},u1,login,2024-02-0${day}T10:00:00Z,${kind}`),
  ].join('\n');

const ACME = '370295712714'; // smb
const GLOBEX = '370469077513'; // enterprise

let build: PulseCliResult;
beforeAll(async () => {
  mkdirSync(join(data, 'zendesk'), { recursive: true });
  writeFileSync(
    join(work, 'package.json'),
    '{ "name": "pulse-zendesk", "private": true, "workspaces": [] }\n',
  );
  writeFileSync(
    join(work, 'pulse.config.json'),
    JSON.stringify({
      as_of: '2024-02-29',
      presets: { zendesk: {} },
      // A user's own mapping with a rule of its own: events are judged row by row, so a refresh appends.
      sources: {
        events: {
          path: 'product/',
          columns: { event_name: 'event' },
          leave_out: [{ column: 'kind', values: ['test'], reason: 'test events' }],
        },
      },
    }),
  );
  mkdirSync(join(data, 'product'), { recursive: true });
  writeFileSync(join(data, 'product', 'day1.csv'), events(1, ['live', 'test', 'live']));
  writeFileSync(
    join(data, 'accounts.csv'),
    `account_id,name,created_at,segment\n${ACME},Acme,2023-12-01T00:00:00Z,smb\n${GLOBEX},Globex,2023-12-01T00:00:00Z,enterprise\n`,
  );
  writeFileSync(
    join(data, 'subscriptions.csv'),
    'subscription_id,account_id,plan,billing_interval,amount,currency,start_date\n' +
      `s1,${ACME},pro,month,100,USD,2024-01-01\ns2,${GLOBEX},pro,month,300,USD,2024-01-01\n`,
  );
  writeFileSync(
    join(data, 'zendesk', 'ticket.csv'),
    [
      HEADER,
      ticket(1595, ACME, '2024-01-10 09:00:00', 'high', 'open'),
      ticket(1600, GLOBEX, '2024-01-20 09:00:00', '', 'solved'),
      // Soft-deleted tickets: no support work to count (any case, any surrounding spaces).
      ticket(1700, ACME, '2024-02-05 09:00:00', 'urgent', 'deleted'),
      ticket(1701, GLOBEX, '2024-02-12 09:00:00', 'low', ' Deleted '),
      ticket(1702, ACME, '2024-02-15 09:00:00', 'normal', 'pending'),
    ].join('\n'),
  );
  build = await pulse('build', '--data', data, '--warehouse', warehouse);
}, 240_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('presets.zendesk: deleted tickets (status deleted) are left out and counted', () => {
  it('the build leaves them out of raw.tickets and its summary counts them per file and reason', async () => {
    expect({ code: build.code, stderr: build.stderr }).toMatchObject({ code: 0 });
    expect(build.stdout + build.stderr).toContain(
      'zendesk/ticket.csv: 2 rows left out as deleted (status deleted)',
    );
    const db = await Warehouse.open(warehouse, { readOnly: true });
    try {
      expect(await db.query('select ticket_id from raw.tickets order by ticket_id')).toEqual([
        { ticket_id: '1595' },
        { ticket_id: '1600' },
        { ticket_id: '1702' },
      ]);
      expect(await db.query('select count(*)::INTEGER as n from quarantine.tickets')).toEqual([{ n: 0 }]);
      // The Fivetran ticket table has no solve time: every ticket reads as open (presets README).
      // January: 1595 (smb) and 1600 (enterprise) opened, both open at the end of the month.
      // February: 1702 (smb) opened; backlog 1595, 1600, 1702. Deleted 1700 and 1701 count nowhere.
      expect(
        await db.query(
          `select strftime(month, '%Y-%m') as month, segment, tickets_created::INTEGER as created,
                  tickets_resolved::INTEGER as resolved, open_backlog::INTEGER as backlog
           from marts.support_monthly where month between '2024-01-01' and '2024-02-01' order by month, segment`,
        ),
      ).toEqual([
        { month: '2024-01', segment: 'all', created: 2, resolved: 0, backlog: 2 },
        { month: '2024-01', segment: 'enterprise', created: 1, resolved: 0, backlog: 1 },
        { month: '2024-01', segment: 'smb', created: 1, resolved: 0, backlog: 1 },
        { month: '2024-02', segment: 'all', created: 1, resolved: 0, backlog: 3 },
        { month: '2024-02', segment: 'enterprise', created: 0, resolved: 0, backlog: 1 },
        { month: '2024-02', segment: 'smb', created: 1, resolved: 0, backlog: 2 },
      ]);
    } finally {
      await db.close();
    }
  });

  it('pulse sources shows the rows each file had left out, and why', async () => {
    const text = await pulse('sources', '--warehouse', warehouse);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('  left out: 2 rows of zendesk/ticket.csv as deleted (status deleted)');
    expect(text.stdout).toMatch(/zendesk\/ticket\.csv\s+5\s+3\s+0\s+2\n/);
    const json = await pulse('sources', '--warehouse', warehouse, '--json');
    const tickets = JSON.parse(json.stdout).sources.find(
      (source: { name: string }) => source.name === 'tickets',
    );
    expect(tickets.files).toEqual([
      { file: 'zendesk/ticket.csv', table: null, read: 5, loaded: 3, quarantined: 0, ignored: 2 },
    ]);
    expect(tickets.left_out).toEqual([
      { file: 'zendesk/ticket.csv', reason: 'deleted (status deleted)', rows: 2 },
    ]);
  });

  it('a refresh keeps the counts of the files it keeps and recounts the files it reads, once', async () => {
    writeFileSync(join(data, 'product', 'day2.csv'), events(2, ['test', 'live']));
    writeFileSync(
      join(data, 'zendesk', 'ticket-2.csv'),
      [HEADER, ticket(1800, GLOBEX, '2024-02-20 09:00:00', 'low', 'deleted')].join('\n'),
    );
    const refresh = await pulse('refresh', '--data', data, '--warehouse', warehouse);
    expect({ code: refresh.code, stderr: refresh.stderr }).toMatchObject({ code: 0 });
    // events: day1.csv kept (appended), day2.csv read; tickets read whole again (a unique key).
    expect(refresh.stdout + refresh.stderr).toContain(
      'product/day2.csv: 1 row left out as test events (kind test)',
    );
    const json = await pulse('sources', '--warehouse', warehouse, '--json');
    const leftOut = (name: string) =>
      JSON.parse(json.stdout).sources.find((source: { name: string }) => source.name === name).left_out;
    expect(leftOut('events')).toEqual([
      { file: 'product/day1.csv', reason: 'test events (kind test)', rows: 1 },
      { file: 'product/day2.csv', reason: 'test events (kind test)', rows: 1 },
    ]);
    expect(leftOut('tickets')).toEqual([
      { file: 'zendesk/ticket-2.csv', reason: 'deleted (status deleted)', rows: 1 },
      { file: 'zendesk/ticket.csv', reason: 'deleted (status deleted)', rows: 2 },
    ]);
    const db = await Warehouse.open(warehouse, { readOnly: true });
    try {
      expect(await db.query('select event_id from raw.events order by event_id')).toEqual([
        { event_id: 'e1-0' },
        { event_id: 'e1-2' },
        { event_id: 'e2-1' },
      ]);
    } finally {
      await db.close();
    }
  });
});
