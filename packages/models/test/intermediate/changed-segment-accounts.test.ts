import { Warehouse } from '@pulse/core';
import { CompiledQuery } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changedSegmentAccounts } from '../../src/intermediate/changed-segment-accounts.js';
import { MAX_ACCOUNTS_REBUILT_ALONE } from '../../src/max-accounts-rebuilt-alone.js';
import { askDecision, varsAsOf as vars } from '../support/partition-decision.js';

describe('changedSegmentAccounts', () => {
  let db: Warehouse;
  // The model's rows now: the table `segments_now` stands for its query.
  const ask = askDecision(changedSegmentAccounts, () => db, {
    vars: vars('2026-06-15'),
    relation: 'intermediate.int_account_segments',
    rowsNow: CompiledQuery.raw('select account_id, segment from segments_now'),
  });

  beforeEach(async () => {
    db = await Warehouse.open(':memory:');
    // As built: A smb, B mid, X smb. Now: A as before, B moved to smb, X went, C came.
    await db.exec(`create schema intermediate;
      create table intermediate.int_account_segments as select * from (values
        ('A', 'smb'), ('A', 'all'), ('B', 'mid'), ('B', 'all'), ('X', 'smb'), ('X', 'all')) v(account_id, segment);
      create table segments_now as select * from (values
        ('A', 'smb'), ('A', 'all'), ('B', 'smb'), ('B', 'all'), ('C', 'mid'), ('C', 'all')) v(account_id, segment);`);
  });
  afterEach(() => db.close());

  it('gives the accounts that came, went or moved segment', async () => {
    expect(await ask()).toEqual(['B', 'C', 'X']);
  });

  it('gives none when the rows are the same', async () => {
    await db.exec('create or replace table segments_now as from intermediate.int_account_segments');
    expect(await ask()).toEqual([]);
  });

  it('is all past the accounts a filter is worth listing', async () => {
    await db.exec(`insert into segments_now
      select 'M' || i, 'smb' from range(${MAX_ACCOUNTS_REBUILT_ALONE}) t(i)`);
    expect(await ask()).toBe('all');
  });
});
