import { defineSource } from '@pulse/core';
import {
  accountsSource,
  eventsSource,
  invoicesSource,
  spendSource,
  subscriptionsSource,
  surveyResponsesSource,
  ticketsSource,
} from '@pulse/models';
import { describe, expect, it } from 'vitest';
import { sourceTable } from '../src/csv-table.js';
import {
  ACCOUNTS,
  EVENTS,
  INVOICES,
  SPEND,
  SUBSCRIPTIONS,
  SURVEY_RESPONSES,
  TICKETS,
} from '../src/source-tables.js';

const things = defineSource({
  name: 'things',
  required: false,
  description: 'Things.',
  columns: [
    { name: 'thing_id', type: 'id', required: true, description: 'Id.' },
    { name: 'owner_id', type: 'id', description: 'Owner.' },
    { name: 'size', type: 'integer', description: 'Size.' },
  ],
});

describe('generate: headers come from the source declarations', () => {
  it('lays out a source in contract order unless told otherwise', () => {
    expect(sourceTable(things).header).toBe('thing_id,owner_id,size\n');
    const table = sourceTable(things, {
      first: ['size'],
      extra: ['note'],
      labels: { thing_id: ' Thing ID' },
    });
    expect(table.header).toBe('size, Thing ID,owner_id,note\n');
    expect(table.row({ thing_id: 'T1', owner_id: null, size: 3, note: 'a, b' })).toBe('3,T1,,"a, b"\n');
  });

  it('rejects a layout naming a column the source does not declare, or an extra it does', () => {
    // @ts-expect-error: not a column of things
    expect(() => sourceTable(things, { first: ['colour'] })).toThrow(/declares no column "colour"/);
    // @ts-expect-error: not a column of things
    expect(() => sourceTable(things, { labels: { colour: 'Colour' } })).toThrow(/declares no column/);
    expect(() => sourceTable(things, { extra: ['size'] })).toThrow(/"size" is a column of source "things"/);
  });

  it.each([
    [ACCOUNTS, accountsSource, []],
    [SUBSCRIPTIONS, subscriptionsSource, []],
    [INVOICES, invoicesSource, []],
    [EVENTS, eventsSource, []],
    [TICKETS, ticketsSource, ['subject']],
    [SURVEY_RESPONSES, surveyResponsesSource, []],
    [SPEND, spendSource, []],
  ] as const)('writes every declared column of %#, and only the extras it names', (table, source, extra) => {
    const declared = source.columns.map((column) => column.name);
    expect([...table.columns].sort()).toEqual([...declared, ...extra].sort());
  });
});
