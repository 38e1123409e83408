// The refresh bench adds "one more day" to a hard-linked copy of a cached dataset. The cache must stay as
// it was, also when the dataset folder is a symlink (a shared dataset linked into bench/.cache): `cp -a`
// copies a symlink as a link, and the day's writes then landed in the dataset itself.

import { mkdirSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nextDayData } from '../refresh.js';

const SUBSCRIPTIONS = [
  'subscription_id,account_id,plan,billing_interval,amount,currency,start_date,end_date,is_trial',
  's1,a1,pro,month,100,USD,2026-03-31,,false',
].join('\n');
const EVENTS = [
  'event_id,account_id,user_id,event_name,occurred_at',
  'e1,a1,u1,login,2026-03-31T10:00:00Z',
  'e2,a2,u2,login,2026-03-31T11:00:00Z',
].join('\n');
// As the generator writes it: a header with odd spacing and case, a name with a quoted comma.
const ACCOUNTS = [
  ' Account_ID , Name,Created_At,SEGMENT,Region ,acquisition_channel',
  'a1,"Acme, Inc.",2025-01-02T09:00:00Z,smb,EMEA,organic',
  'a2,"Signup, Ltd",2026-03-31T08:00:00Z,smb,NA,partner',
].join('\n');

describe('nextDayData', () => {
  let root = '';
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('leaves a symlinked dataset untouched and writes the day into its own copy', async () => {
    root = await mkdtemp(join(tmpdir(), 'pulse-next-day-'));
    const dataset = join(root, 'dataset');
    mkdirSync(join(dataset, 'events'), { recursive: true });
    await writeFile(join(dataset, 'subscriptions.csv'), `${SUBSCRIPTIONS}\n`);
    await writeFile(join(dataset, 'events', 'part-0000.csv'), `${EVENTS}\n`);
    await writeFile(join(dataset, 'accounts.csv'), `${ACCOUNTS}\n`);
    const linked = join(root, 'linked');
    await symlink(dataset, linked);

    const { dir: out, signups } = await nextDayData(linked, '2026-03-31', join(root, 'next'));
    expect(signups).toBe(1);

    expect(await readFile(join(dataset, 'subscriptions.csv'), 'utf8')).toBe(`${SUBSCRIPTIONS}\n`);
    expect(await readdir(join(dataset, 'events'))).toEqual(['part-0000.csv']);
    expect(await readFile(join(out, 'subscriptions.csv'), 'utf8')).toContain('s1_next');
    expect((await readdir(join(out, 'events'))).sort()).toEqual(['part-0000.csv', 'part-next-day.csv']);
    expect(await readFile(join(dataset, 'accounts.csv'), 'utf8')).toBe(`${ACCOUNTS}\n`);
  });

  it('signs up again the accounts created on as_of, the next day, with their events', async () => {
    const out = join(root, 'next');
    expect((await readFile(join(out, 'accounts.csv'), 'utf8')).trimEnd().split('\n').slice(3)).toEqual([
      'a2-next,"Signup, Ltd",2026-04-01T08:00:00Z,smb,NA,partner',
    ]);
    const day = (await readFile(join(out, 'events', 'part-next-day.csv'), 'utf8')).trimEnd().split('\n');
    expect(day.slice(1).sort()).toEqual([
      'e1-next,a1,u1,login,2026-04-01T10:00:00Z',
      'e2-next,a2-next,u2,login,2026-04-01T11:00:00Z',
    ]);
  });
});
