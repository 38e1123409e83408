// A refresh compares the exports with the files the published warehouse was read from; the same files
// read another way (a new Pulse, an edited shipped mapping) give other rows. Each source's reading is
// recorded (pulse.source_fingerprints) and a source read otherwise is read again whole, even when no
// file changed; a warehouse that records none (made by an older Pulse) has every source read again.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifestCacheOf } from '../../src/state/manifest-cache.js';
import { Warehouse } from '../../src/warehouse/warehouse.js';
import { tempDir } from '../support/temp-warehouse.js';
import { runPulse } from './spawn-pulse.js';
import { CUSTOMERS, writeStripeLayout } from './stripe-layout.js';

/** Fivetran's Zendesk ticket table: tickets 1 open, 2 deleted, 3 solved. */
const TICKETS = [
  'id,_fivetran_synced,allow_channelback,assignee_id,brand_id,created_at,description,due_at,external_id,forum_topic_id,group_id,has_incidents,is_public,organization_id,priority,problem_id,recipient,requester_id,status,subject,submitter_id,system_client,ticket_form_id,type,updated_at,url,via_channel,via_source_from_id,via_source_from_title,via_source_rel,via_source_to_address,via_source_to_name,merged_ticket_ids,via_source_from_address,followup_ids,via_followup_source_id\n',
  '1,2024-03-01 02:32:49.426,FALSE,,360003529474,2024-01-10 09:00:00,description1,,,,360006965034,FALSE,TRUE,a1,high,,email@email.com,396331237134,open,subject1,396331237134,,360002048693,incident,2024-01-10 09:00:00,https://zendesk.com/api/v2/tickets/1.json,web,,,,example@email.com,,[],,,\n',
  '2,2024-03-01 02:32:49.426,FALSE,,360003529474,2024-02-05 09:00:00,description1,,,,360006965034,FALSE,TRUE,a1,high,,email@email.com,396331237134,deleted,subject1,396331237134,,360002048693,incident,2024-02-05 09:00:00,https://zendesk.com/api/v2/tickets/2.json,web,,,,example@email.com,,[],,,\n',
  '3,2024-03-01 02:32:49.426,FALSE,,360003529474,2024-02-06 09:00:00,description1,,,,360006965034,FALSE,TRUE,a2,high,,email@email.com,396331237134,solved,subject1,396331237134,,360002048693,incident,2024-02-06 09:00:00,https://zendesk.com/api/v2/tickets/3.json,web,,,,example@email.com,,[],,,\n',
].join('');

async function inWarehouse(path: string, sql: string): Promise<void> {
  const warehouse = await Warehouse.open(path);
  try {
    await warehouse.exec(sql);
  } finally {
    await warehouse.close();
  }
  await rm(manifestCacheOf(path), { force: true });
}

async function ticketIds(path: string): Promise<string[]> {
  const warehouse = await Warehouse.open(path, { readOnly: true });
  try {
    const rows = await warehouse.query<{ id: string }>(
      'select ticket_id::varchar as id from raw.tickets order by 1',
    );
    return rows.map((row) => row.id);
  } finally {
    await warehouse.close();
  }
}

/** The rows an older Pulse read: the deleted ticket 2 too, and no record of how the sources were read. */
const ASIF_OLDER_PULSE = `insert into raw.tickets select * replace ('2' as ticket_id) from raw.tickets where ticket_id = '1'`;

describe('pulse refresh after the way a source is read changed', () => {
  let root: string;
  let cleanup: () => Promise<void>;
  const warehouse = () => join(root, 'data', 'warehouse.duckdb');
  beforeAll(async () => {
    ({ dir: root, cleanup } = await tempDir('pulse-source-reading-'));
    const raw = join(root, 'data', 'raw');
    await mkdir(join(raw, 'zendesk'), { recursive: true });
    await writeFile(
      join(raw, 'accounts.csv'),
      'account_id,name,created_at,segment\na1,Acme,2023-12-01T00:00:00Z,smb\na2,Globex,2023-12-01T00:00:00Z,enterprise\n',
    );
    await writeFile(
      join(raw, 'subscriptions.csv'),
      'subscription_id,account_id,plan,billing_interval,amount,currency,start_date\ns1,a1,pro,month,100,USD,2024-01-01\n',
    );
    await writeFile(join(raw, 'zendesk', 'ticket.csv'), TICKETS);
    await writeFile(join(root, 'data', 'pulse.config.json'), JSON.stringify({ presets: { zendesk: {} } }));
    const built = await runPulse(['refresh'], root);
    expect({ code: built.code, stderr: built.stderr }).toEqual({ code: 0, stderr: '' });
    expect(await ticketIds(warehouse())).toEqual(['1', '3']);
  });
  afterAll(() => cleanup());

  it('a warehouse that does not record how its sources were read has them all read again', async () => {
    await inWarehouse(warehouse(), `${ASIF_OLDER_PULSE}; drop table if exists pulse.source_fingerprints`);
    const refreshed = await runPulse(['refresh'], root);
    expect({ code: refreshed.code, stderr: refreshed.stderr }).toEqual({ code: 0, stderr: '' });
    expect(refreshed.stdout).not.toContain('Up to date');
    expect(refreshed.stdout).toContain(
      'the published warehouse does not record how its sources were read (made by an older Pulse): all files of every source read again',
    );
    expect(refreshed.stdout).toContain('1 row left out as deleted');
    expect(await ticketIds(warehouse())).toEqual(['1', '3']);
  });

  it('a source whose reading changed is read again whole, the others kept', async () => {
    await inWarehouse(
      warehouse(),
      `${ASIF_OLDER_PULSE}; update pulse.source_fingerprints set fingerprint = 'read otherwise' where source = 'tickets'`,
    );
    const refreshed = await runPulse(['refresh'], root);
    expect({ code: refreshed.code, stderr: refreshed.stderr }).toEqual({ code: 0, stderr: '' });
    expect(refreshed.stdout).toContain(
      'tickets: how the source is read changed (a new Pulse or DuckDB, or an edited mapping): all files read again',
    );
    expect(refreshed.stdout).toMatch(
      /sources unchanged: accounts, fx_rates, subscriptions, invoices, events/,
    );
    expect(await ticketIds(warehouse())).toEqual(['1', '3']);
  });

  it('then a refresh is up to date, without loading the project: the code that read the sources is known', async () => {
    const again = await runPulse(['refresh'], root);
    expect({ code: again.code, stderr: again.stderr }).toEqual({ code: 0, stderr: '' });
    expect(again.stdout).toContain('Up to date');
    const cached = JSON.parse(await readFile(manifestCacheOf(warehouse()), 'utf8'));
    expect(Object.keys(cached.reading.sources)).toContain('tickets');
    expect(cached.reading.code.length).toBeGreaterThan(1);
  });
});

describe('pulse refresh of a Stripe export whose warehouse has no counts of the rows left out', () => {
  let root: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ dir: root, cleanup } = await tempDir('pulse-stripe-no-counts-'));
    await writeStripeLayout(join(root, 'data', 'raw'), ['2024-01', '2024-02']);
    await writeFile(
      join(root, 'data', 'raw', 'stripe', 'invoice', '2024-02-extra.csv'),
      'id,customer_id,created,status,total,tax,currency\nin_draft_1,cus_1,2024-02-20 00:00:00,draft,4900,0,usd\n',
    );
    // The accounts from their own export: nothing re-derives the Stripe sources but the missing counts.
    await writeFile(
      join(root, 'data', 'raw', 'accounts.csv'),
      `account_id,name,created_at,segment\n${Array.from(
        { length: CUSTOMERS },
        (_, index) => `cus_${index + 1},Customer ${index + 1},2024-01-01T09:00:00Z,smb`,
      ).join('\n')}\n`,
    );
    await writeFile(
      join(root, 'data', 'pulse.config.json'),
      JSON.stringify({ presets: { stripe: { provides: ['subscriptions', 'invoices'] } } }),
    );
    const built = await runPulse(['refresh'], root);
    expect({ code: built.code, stderr: built.stderr }).toEqual({ code: 0, stderr: '' });
    expect(built.stdout).toContain('invoice: 1 row left out as drafts');
  });
  afterAll(() => cleanup());

  it('derives the Stripe sources again rather than keep them without their notes', async () => {
    await inWarehouse(join(root, 'data', 'warehouse.duckdb'), 'drop table pulse.preset_rows_ignored');
    await writeFile(
      join(root, 'data', 'raw', 'events.csv'),
      'event_id,account_id,user_id,event_name,occurred_at\ne1,cus_1,u1,login,2024-01-05T00:00:00Z\n',
    );
    const refreshed = await runPulse(['refresh'], root);
    expect({ code: refreshed.code, stderr: refreshed.stderr }).toEqual({ code: 0, stderr: '' });
    expect(refreshed.stdout).toContain('invoice: 1 row left out as drafts');
    expect(refreshed.stdout).not.toMatch(/^(subscriptions|invoices) .*unchanged: rows kept\)$/m);
    expect(refreshed.stdout).toMatch(/^accounts .*unchanged: rows kept\)$/m);
  });
});
