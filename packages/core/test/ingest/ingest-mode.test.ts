import { describe, expect, it } from 'vitest';
import { defineSource } from '../../src/index.js';
import { filesToDrop, sourceIngestMode } from '../../src/ingest/ingest-baseline.js';
import type { SourceFile } from '../../src/ingest/source-files.js';
import { sourcePathOf } from '../../src/ingest/source-path.js';

const id = (name: string) => ({ name, type: 'id' as const, required: true, description: name });
const accounts = defineSource({
  name: 'accounts',
  required: true,
  description: 'a',
  columns: [id('account_id')],
  uniqueKeys: [['account_id']],
});
const events = defineSource({
  name: 'events',
  required: false,
  description: 'e',
  columns: [id('account_id')],
  references: [{ column: 'account_id', source: 'accounts', key: 'account_id', reasonCode: 'orphan_account' }],
});
const file = (relativePath: string): SourceFile => ({
  path: `/d/${relativePath}`,
  relativePath,
  format: 'csv',
  gzip: false,
});
const baseline = {
  files: [
    { path: 'accounts.csv', source: 'accounts' },
    { path: 'events/a.csv', source: 'events' },
    { path: 'events/b.csv', source: 'events' },
  ],
  unchanged: new Set(['accounts.csv', 'events/a.csv']),
};

// The manifest attributes `crm/companies.csv` to "crm", its top-level folder; sources.accounts.path claims
// it. companies-2.csv was ingested before and is gone.
const crm = {
  files: [
    { path: 'crm/companies.csv', source: 'crm' },
    { path: 'crm/companies-2.csv', source: 'crm' },
  ],
  unchanged: new Set(['crm/companies.csv']),
};
const claims = sourcePathOf('crm/').claims;

describe('how much of a source a refresh reads', () => {
  it('reads everything without a baseline or without the tables to keep', () => {
    expect(sourceIngestMode(accounts, [file('accounts.csv')], undefined, new Map(), true)).toBe('full');
    expect(sourceIngestMode(accounts, [file('accounts.csv')], baseline, new Map(), false)).toBe('full');
  });

  it('keeps a source whose files are all unchanged', () => {
    expect(sourceIngestMode(accounts, [file('accounts.csv')], baseline, new Map(), true)).toBe('reused');
  });

  it('appends only new and changed files of a source judged row by row', () => {
    const modes = new Map([['accounts', 'reused' as const]]);
    expect(
      sourceIngestMode(events, [file('events/a.csv'), file('events/b.csv')], baseline, modes, true),
    ).toBe('appended');
  });

  it('reads whole a source with a unique key once any file changed, and one checked against a changed source', () => {
    expect(
      sourceIngestMode(accounts, [file('accounts.csv'), file('accounts2.csv')], baseline, new Map(), true),
    ).toBe('full');
    const modes = new Map([['accounts', 'full' as const]]);
    expect(sourceIngestMode(events, [file('events/a.csv')], baseline, modes, true)).toBe('full');
  });

  it('keeps or appends a source whose references judge its kept rows as before, though the referenced source was read again', () => {
    const modes = new Map([['accounts', 'full' as const]]);
    const args = [baseline, modes, true, undefined] as const;
    expect(sourceIngestMode(events, [file('events/a.csv')], ...args, true)).toBe('appended');
    expect(sourceIngestMode(events, [file('events/a.csv')], ...args, false)).toBe('full');
    // A check that reads the source read again still reads it whole: only references are looked at.
    const checked = defineSource({
      name: 'checked',
      required: false,
      description: 'c',
      columns: [id('account_id')],
      references: [{ column: 'account_id', source: 'fx', key: 'account_id', reasonCode: 'orphan' }],
      checks: [
        {
          reasonCode: 'bad',
          column: 'account_id',
          description: 'reads the accounts',
          reads: ['accounts'],
          failsWhen: () => 'false',
          reason: () => "'bad'",
        },
      ],
    });
    expect(
      sourceIngestMode(checked, [], { files: [], unchanged: new Set() }, modes, true, undefined, true),
    ).toBe('full');
  });

  it('counts a removed file as a change', () => {
    const modes = new Map([['accounts', 'reused' as const]]);
    expect(sourceIngestMode(events, [file('events/a.csv')], baseline, modes, true)).toBe('appended');
    const accountsGone = { ...baseline, unchanged: new Set(['events/a.csv']) };
    expect(sourceIngestMode(accounts, [], accountsGone, new Map(), true)).toBe('full');
  });

  it('a source read from a configured path counts the files of that path, recorded under their folder', () => {
    // companies-2.csv was removed: without the claim the removal would go unseen and its rows be kept.
    expect(sourceIngestMode(accounts, [file('crm/companies.csv')], crm, new Map(), true)).toBe('reused');
    expect(sourceIngestMode(accounts, [file('crm/companies.csv')], crm, new Map(), true, claims)).toBe(
      'full',
    );
  });
});

describe('which files an appending refresh drops the rows of', () => {
  it('the changed and the removed files, none when files were only added', () => {
    const kept = new Set(['events/a.csv']);
    expect(filesToDrop(events, baseline, kept)).toEqual(['events/b.csv']);
    expect(filesToDrop(events, baseline, new Set(['events/a.csv', 'events/b.csv']))).toEqual([]);
    expect(filesToDrop(events, baseline, new Set())).toEqual(['events/a.csv', 'events/b.csv']);
  });

  it('a configured path counts the files it claims, whatever folder recorded them', () => {
    expect(filesToDrop(accounts, crm, new Set(['crm/companies.csv']), claims)).toEqual([
      'crm/companies-2.csv',
    ]);
    expect(filesToDrop(accounts, crm, new Set(['crm/companies.csv']))).toEqual([]);
  });
});
