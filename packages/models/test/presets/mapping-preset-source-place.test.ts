import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ConfigError, MissingSourceError } from '@pulse/core';
import { describe, expect, it } from 'vitest';
import {
  CANONICAL_ACCOUNTS,
  CANONICAL_SUBSCRIPTIONS,
  withConfigIngested,
} from './support/ingest-with-config.js';

// Where a source expanded from presets.segment|zendesk|hubspot is read (ADAPTERS.md section 2): only
// from the preset, and messages about it name the preset's keys, not a `sources` entry the user never wrote.

const PULSE = fileURLToPath(new URL('../../../core/bin/pulse.js', import.meta.url));

const HUBSPOT_COMPANIES = [
  '"Record ID","Company name","Create Date","Country/Region"',
  '"A1","Acme","2024-01-05 10:00","France"',
].join('\n');
const TRACKS = [
  'id,context_group_id,event,timestamp,user_id',
  'e1,A1,signed_up,2024-02-01T10:00:00Z,u1',
].join('\n');
const CANONICAL_EVENTS = [
  'event_id,account_id,user_id,event_name,occurred_at',
  'x1,A1,u9,other,2024-02-02T00:00:00Z',
].join('\n');
const ZENDESK_TICKETS = JSON.stringify({ id: 1, organization_id: 'A1', created_at: '2024-02-01T10:00:00Z' });
const CANONICAL_TICKETS = ['ticket_id,account_id,created_at', 't1,A1,2024-02-02T00:00:00Z'].join('\n');

const ingesting = (files: Record<string, string>, config: unknown) =>
  withConfigIngested(files, config, async () => undefined);

describe('a mapping preset and the canonical file of its source', () => {
  it.each([
    [
      'hubspot',
      { 'hubspot/companies.csv': HUBSPOT_COMPANIES, 'accounts.csv': CANONICAL_ACCOUNTS },
      'accounts.csv is in the data folder, but presets.hubspot in pulse.config.json provides accounts: ' +
        'remove accounts.csv, or remove presets.hubspot.',
    ],
    [
      'segment',
      {
        'accounts.csv': CANONICAL_ACCOUNTS,
        'segment/tracks.csv': TRACKS,
        'events/2024-02.csv': CANONICAL_EVENTS,
      },
      'events/ is in the data folder, but presets.segment in pulse.config.json provides events: ' +
        'remove events/, or remove presets.segment.',
    ],
    [
      'zendesk',
      {
        'accounts.csv': CANONICAL_ACCOUNTS,
        'zendesk/tickets.jsonl': ZENDESK_TICKETS,
        'tickets.csv': CANONICAL_TICKETS,
      },
      'tickets.csv is in the data folder, but presets.zendesk in pulse.config.json provides tickets: ' +
        'remove tickets.csv, or remove presets.zendesk.',
    ],
  ])(
    'presets.%s beside its canonical source is a configuration error naming both',
    async (preset, files, message) => {
      const options = preset === 'zendesk' ? { layout: 'json' } : {};
      const error = await ingesting(
        { 'subscriptions.csv': CANONICAL_SUBSCRIPTIONS, ...files },
        { presets: { [preset]: options } },
      ).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toBe(message);
    },
  );

  it("the canonical file is no copy when the preset's own path reads it", async () => {
    await withConfigIngested(
      {
        'accounts.csv': HUBSPOT_COMPANIES,
        'subscriptions.csv': CANONICAL_SUBSCRIPTIONS,
      },
      { presets: { hubspot: { path: 'accounts.csv' } } },
      async ({ raw }) => {
        expect(await raw('accounts', 'account_id, _file')).toEqual([
          { account_id: 'A1', _file: 'accounts.csv' },
        ]);
      },
    );
  });

  it('`pulse build` exits 2 and builds nothing', async () => {
    const root = await mkdtemp(join(tmpdir(), 'pulse-preset-canonical-'));
    try {
      const files = {
        'data/hubspot/companies.csv': HUBSPOT_COMPANIES,
        'data/accounts.csv': CANONICAL_ACCOUNTS,
        'data/subscriptions.csv': CANONICAL_SUBSCRIPTIONS,
        'pulse.config.json': JSON.stringify({ as_of: '2024-03-31', presets: { hubspot: {} } }),
      };
      for (const [path, content] of Object.entries(files)) {
        await mkdir(dirname(join(root, path)), { recursive: true });
        await writeFile(join(root, path), content);
      }
      const env = Object.fromEntries(
        Object.entries(process.env).filter(([key]) => !key.startsWith('PULSE_')),
      );
      const args = [
        'build',
        '--data',
        'data',
        '--config',
        'pulse.config.json',
        '--warehouse',
        'out/w.duckdb',
      ];
      const result = await promisify(execFile)(process.execPath, [PULSE, ...args], {
        cwd: root,
        env: { ...env, NO_COLOR: '1' },
      }).then(
        () => ({ code: 0, stderr: '' }),
        (failed: { code: number; stderr: string }) => ({ code: failed.code, stderr: failed.stderr }),
      );
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(
        'accounts.csv is in the data folder, but presets.hubspot in pulse.config.json provides accounts',
      );
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe('messages about a source a mapping preset feeds name the preset key', () => {
  it('its missing export names presets.<preset>.path', async () => {
    const error = await ingesting(
      { 'subscriptions.csv': CANONICAL_SUBSCRIPTIONS },
      { presets: { hubspot: {} } },
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MissingSourceError);
    expect((error as Error).message).toContain('hubspot (presets.hubspot.path in pulse.config.json)');
    expect((error as Error).message).not.toContain('sources.');
  });

  it('a vendor column named by an option and missing from the file names that option', async () => {
    await expect(
      ingesting(
        { 'hubspot/companies.csv': HUBSPOT_COMPANIES, 'subscriptions.csv': CANONICAL_SUBSCRIPTIONS },
        { presets: { hubspot: { segment: 'Customer Tier' } } },
      ),
    ).rejects.toThrow(
      'pulse.config.json maps "Customer Tier" (presets.hubspot.segment), but the file has no such column',
    );
  });

  it('a vendor column of the shipped mapping missing from the file names the preset', async () => {
    await expect(
      ingesting(
        {
          'hubspot/companies.csv': HUBSPOT_COMPANIES.replace('"Company name"', '"Name"'),
          'subscriptions.csv': CANONICAL_SUBSCRIPTIONS,
        },
        { presets: { hubspot: {} } },
      ),
    ).rejects.toThrow(
      'pulse.config.json maps "Company name" (presets.hubspot), but the file has no such column',
    );
  });

  it('a file two sources read names the preset path to narrow', async () => {
    await expect(
      ingesting(
        { 'crm/companies.csv': CANONICAL_ACCOUNTS, 'subscriptions.csv': CANONICAL_SUBSCRIPTIONS },
        { sources: { accounts: { path: 'crm/' } }, presets: { segment: { path: 'crm/companies.csv' } } },
      ),
    ).rejects.toThrow(
      'the file belongs to both "accounts" and "events"; narrow presets.segment.path in pulse.config.json',
    );
  });
});
