import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Warehouse } from '@pulse/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GeneratedFolder, generateInto, openGenerated } from './support/generated-data.js';

/** The valid traps of METRICS.md and CONTRACT.md: a small dataset must already contain each of them. */
let folder: GeneratedFolder;
let warehouse: Warehouse;
const count = async (sql: string) => Number((await warehouse.query<{ n: number }>(sql))[0]!.n);

beforeAll(async () => {
  folder = await generateInto({ accounts: 300, months: 14, seed: 3, end: '2025-09-12' });
  warehouse = await openGenerated(folder.dir);
});
afterAll(async () => {
  await warehouse?.close();
  await folder?.dispose();
});

describe('generate: edge cases', () => {
  it('writes ids with leading zeros, referenced as such by the other sources', async () => {
    expect(await count(`select count(*) n from accounts where account_id = '00042'`)).toBe(1);
    expect(await count(`select count(*) n from events where account_id = '00042'`)).toBeGreaterThan(0);
    expect(await count(`select count(*) n from accounts where account_id not like '00%'`)).toBe(0);
  });

  it('writes headers with other case, padding and order, and an unknown extra column', async () => {
    const header = async (file: string) =>
      (await readFile(join(folder.dir, file), 'utf8')).slice(0, 200).split('\n')[0]!.split(',');
    expect(await header('accounts.csv')).toContain(' Account_ID ');
    expect(await header('accounts.csv')).toContain('SEGMENT');
    expect((await header('subscriptions.csv')).slice(0, 2)).toEqual(['account_id', 'subscription_id']);
    expect((await header('spend.csv'))[0]).toBe('channel');
    expect(await header('tickets/tickets-2025.csv')).toContain('subject');
  });

  it('writes lower-case currency codes next to upper-case ones', async () => {
    for (const source of ['subscriptions', 'invoices', 'fx_rates']) {
      expect(
        await count(`select count(*) n from ${source} where currency = lower(currency)`),
        source,
      ).toBeGreaterThan(0);
      expect(
        await count(`select count(*) n from ${source} where currency = upper(currency)`),
        source,
      ).toBeGreaterThan(0);
    }
  });

  it('writes timestamps with Z, without an offset, with milliseconds and with a local offset', async () => {
    const styles = await warehouse.query<{ style: string }>(`
      select distinct case
        when occurred_at like '%.___Z' then 'millis'
        when occurred_at like '%Z' then 'utc'
        when occurred_at like '%-05:00' then 'minus5'
        when regexp_matches(occurred_at, '[+]\\d\\d:\\d\\d$') then 'plus'
        else 'naive' end style from events order by 1`);
    expect(styles.map((row) => row.style)).toEqual(['millis', 'minus5', 'naive', 'plus', 'utc']);
    // Local evening on a month's last day is the next month in UTC (2024-03-31T22:00:00-05:00 is April).
    const crossing = `
      select count(*) n from (
        select occurred_at from events where occurred_at like '%-05:00' union all
        select created_at from tickets where created_at like '%-05:00')
       where month(left(occurred_at, 10)::date) <> month((occurred_at::timestamptz)::date)`;
    expect(await count(crossing)).toBeGreaterThan(0);
  });

  it('tracks events before signup, one of them a value moment', async () => {
    const before = `
      select count(*) n from events e join accounts a using (account_id)
       where e.occurred_at::timestamptz < a.created_at::timestamptz`;
    expect(await count(before)).toBeGreaterThan(0);
    expect(await count(`${before} and e.event_name = 'value_moment'`)).toBeGreaterThan(0);
  });

  it('exports some events twice with the same event_id', async () => {
    const duplicates = `
      select count(*) n from (
        select event_id from events group by event_id, account_id, user_id, event_name, occurred_at
        having count(*) > 1)`;
    expect(await count(duplicates)).toBeGreaterThan(0);
  });

  it('writes open-ended subscriptions and cancellations scheduled after the end', async () => {
    expect(await count('select count(*) n from subscriptions where end_date is null')).toBeGreaterThan(0);
    expect(await count(`select count(*) n from subscriptions where end_date > '2025-09-12'`)).toBeGreaterThan(
      0,
    );
  });

  it('writes trials with a charge and trial flags as true/false, 1/0 and empty', async () => {
    expect(
      await count(
        `select count(*) n from subscriptions where is_trial in ('true', '1') and amount::decimal(12, 2) > 0`,
      ),
    ).toBeGreaterThan(0);
    const flags = await warehouse.query<{ flag: string | null }>(
      'select distinct is_trial flag from subscriptions order by 1 nulls last',
    );
    expect(flags.map((row) => row.flag)).toEqual(['0', '1', 'false', 'true', null]);
  });

  it('writes some spend months as full dates, and spend for a channel no account came from', async () => {
    expect(await count(`select count(*) n from spend where month like '____-__-__'`)).toBeGreaterThanOrEqual(
      2,
    );
    expect(await count(`select count(*) n from spend where month like '____-__-15'`)).toBeGreaterThan(0);
    expect(await count(`select count(*) n from spend where channel = 'events'`)).toBeGreaterThan(0);
    expect(await count(`select count(*) n from accounts where acquisition_channel = 'events'`)).toBe(0);
  });

  it('leaves segment, region and acquisition channel empty for some accounts', async () => {
    for (const column of ['segment', 'region', 'acquisition_channel']) {
      expect(await count(`select count(*) n from accounts where ${column} is null`), column).toBeGreaterThan(
        0,
      );
    }
  });

  it('quotes commas, quotes and line breaks per RFC 4180 and writes UTF-8', async () => {
    expect(await count(`select count(*) n from accounts where name like '%,%'`)).toBeGreaterThan(0);
    expect(await count(`select count(*) n from survey_responses where comment like '%"%'`)).toBeGreaterThan(
      0,
    );
    expect(
      await count(`select count(*) n from survey_responses where comment like '%' || chr(10) || '%'`),
    ).toBeGreaterThan(0);
    expect(await count(`select count(*) n from tickets where subject like '%,%'`)).toBeGreaterThan(0);
  });

  it('splits tickets into a folder with a header-only file and a 0-byte file', async () => {
    const dir = join(folder.dir, 'tickets');
    const files = (await readdir(dir)).sort();
    const sizes = Object.fromEntries(
      await Promise.all(files.map(async (f) => [f, (await stat(join(dir, f))).size])),
    );
    expect(files).toEqual([
      'tickets-2024.csv',
      'tickets-2025.csv',
      'tickets-archive.csv',
      'tickets-upload-incomplete.csv',
    ]);
    expect(sizes['tickets-upload-incomplete.csv']).toBe(0);
    expect(await count(`select count(*) n from tickets where filename like '%tickets-archive.csv'`)).toBe(0);
  });

  it('writes events as a folder of gzip CSV parts and fx rates as JSON lines', async () => {
    expect((await readdir(join(folder.dir, 'events'))).sort()).toEqual([
      'part-0000.csv.gz',
      'part-0001.csv.gz',
      'part-0002.csv.gz',
      'part-0003.csv.gz',
    ]);
    expect(await count('select count(distinct filename) n from events')).toBe(4);
    expect(await count('select count(*) n from fx_rates')).toBeGreaterThan(500);
  });
});
