import { describe, expect, it } from 'vitest';
import {
  defineSource,
  formatIngestSummary,
  type SourceDefinition,
  SourceDefinitionError,
  Warehouse,
} from '../../src/index.js';
import {
  baseDataDirWith,
  contractSources,
  fixtureDataDir,
  ingest,
  withIngested,
} from './support/ingest-harness.js';

const valid: SourceDefinition = {
  name: 'things',
  required: false,
  description: 'Things.',
  columns: [
    { name: 'thing_id', type: 'id', required: true, description: 'Id.' },
    { name: 'size', type: 'integer', description: 'Size.' },
  ],
};

describe('defineSource', () => {
  it('accepts a consistent declaration and freezes it', () => {
    expect(Object.isFrozen(defineSource(valid))).toBe(true);
  });

  it.each([
    ['a name that is not snake_case', { name: 'Things' }, /snake_case/],
    [
      'a column declared twice',
      {
        columns: [
          { name: 'a', type: 'id', description: 'x' },
          { name: 'a', type: 'id', description: 'x' },
        ],
      },
      /declared twice/,
    ],
    [
      'a default on a required column',
      { columns: [{ name: 'a', type: 'string', required: true, default: 'x', description: 'x' }] },
      /default would never apply/,
    ],
    [
      'a range on a text column',
      { columns: [{ name: 'a', type: 'string', range: { min: 0 }, description: 'x' }] },
      /has a range/,
    ],
    [
      'an enum with an empty value',
      { columns: [{ name: 'a', type: { enum: ['a', ' '] }, description: 'x' }] },
      /lists an empty value/,
    ],
    ['a unique key on an unknown column', { uniqueKeys: [['nope']] }, /"nope", which is not declared/],
    [
      'a default of the wrong type',
      { columns: [{ name: 'a', type: 'boolean', default: 'no', description: 'x' }] },
      /must be a boolean/,
    ],
  ])('rejects %s', (_, change, message) => {
    expect(() => defineSource({ ...valid, ...change } as SourceDefinition)).toThrow(message);
  });

  it('rejects an ingestion order where a source reads one that comes later', async () => {
    const [accounts, , subscriptions] = contractSources;
    const error = await ingest(await baseDataDirWith(), { sources: [subscriptions!, accounts!] }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(SourceDefinitionError);
    expect((error as Error).message).toMatch(
      /"subscriptions" reads source "accounts", which must be ingested before it/,
    );
  });
});

describe('a generic source (the engine does not know the contract)', () => {
  it('types, defaults and checks a source declared from scratch', async () => {
    const things = defineSource({
      ...valid,
      columns: [
        ...valid.columns,
        { name: 'colour', type: { enum: ['red', 'blue'] }, default: 'red', description: 'Colour.' },
      ],
      uniqueKeys: [['thing_id']],
      checks: [
        {
          reasonCode: 'too_big',
          column: 'size',
          description: 'Sizes above the configured limit.',
          failsWhen: ({ config }) => `size > ${(config as { limit: number }).limit}`,
          reason: () => `'size ' || size || ' is too big'`,
        },
      ],
    });
    const dir = await baseDataDirWith({
      'things.csv': 'thing_id,size,colour\nT1,3,\nT2,30,BLUE\nT1,4,red\n',
    });
    await withIngested(
      dir,
      async ({ raw, quarantine }) => {
        expect((await raw<Record<string, unknown>>('things')).map(({ _file, ...row }) => row)).toEqual([
          { thing_id: 'T1', size: 3, colour: 'red', _line: 2 },
        ]);
        expect(
          (await quarantine('things')).map((row) => [row.line, row.column, row.reason_code, row.reason]),
        ).toEqual([
          [3, 'size', 'too_big', 'size 30 is too big'],
          [
            4,
            'thing_id',
            'duplicate_id',
            "thing_id 'T1' repeats an earlier row (the first one in file order is kept)",
          ],
        ]);
      },
      { sources: [things], config: { limit: 10 } },
    );
  });

  it("gives a check's description as the reason when its sentence is NULL (built from an empty value)", async () => {
    const things = defineSource({
      ...valid,
      checks: [
        {
          reasonCode: 'unsized',
          column: 'size',
          description: 'A thing needs a size.',
          failsWhen: () => 'size is null',
          reason: () => `'size ' || size || ' is missing'`,
        },
      ],
    });
    const dir = await baseDataDirWith({ 'things.csv': 'thing_id,size\nT1,\n' });
    await withIngested(
      dir,
      async ({ quarantine }) => {
        expect((await quarantine('things')).map((row) => [row.line, row.reason_code, row.reason])).toEqual([
          [2, 'unsized', 'A thing needs a size.'],
        ]);
      },
      { sources: [things] },
    );
  });

  it('keeps the first valid row of each key of several, composite and nullable ones included', async () => {
    const things = defineSource({
      ...valid,
      columns: [
        ...valid.columns,
        { name: 'shelf', type: 'string', description: 'Shelf.' },
        { name: 'slot', type: 'integer', description: 'Slot on the shelf.' },
      ],
      uniqueKeys: [['thing_id'], ['shelf', 'slot']],
    });
    const dir = await baseDataDirWith({
      'things.csv':
        'thing_id,size,shelf,slot\n' +
        'T1,1,A,1\n' + // kept
        'T2,x,B,1\n' + // wrong_type: an invalid row never hides a later valid one
        'T2,2,A,1\n' + // the shelf and slot of T1
        'T1,3,C,1\n' + // thing_id of T1
        'T1,4,C,2\n' + // a third copy of T1
        'T2,5,B,1\n' + // B/1 is new, but T2 was seen on line 4 (valid on its own, then a repeat of A/1)
        'T3,6,,\n' + // kept: the first empty shelf and slot
        'T4,7,,\n', // the same empty shelf and slot as T3: a repeat
    });
    await withIngested(
      dir,
      async ({ raw, quarantine }) => {
        expect((await raw<Record<string, unknown>>('things')).map((row) => row._line).sort()).toEqual([2, 8]);
        expect(
          (await quarantine('things'))
            .map((row) => [row.line, row.column, row.reason_code, row.reason])
            .sort((a, b) => Number(a[0]) - Number(b[0])),
        ).toEqual([
          [3, 'size', 'wrong_type', expect.stringContaining("size 'x'")],
          [
            4,
            'shelf',
            'duplicate_id',
            "shelf, slot 'A', '1' repeats an earlier row (the first one in file order is kept)",
          ],
          [
            5,
            'thing_id',
            'duplicate_id',
            "thing_id 'T1' repeats an earlier row (the first one in file order is kept)",
          ],
          [
            6,
            'thing_id',
            'duplicate_id',
            "thing_id 'T1' repeats an earlier row (the first one in file order is kept)",
          ],
          [
            7,
            'thing_id',
            'duplicate_id',
            "thing_id 'T2' repeats an earlier row (the first one in file order is kept)",
          ],
          // Empty parts repeat like values (the reason was NULL before they were named).
          [
            9,
            'shelf',
            'duplicate_id',
            'shelf, slot (empty), (empty) repeats an earlier row (the first one in file order is kept)',
          ],
        ]);
      },
      { sources: [things] },
    );
  });
});

describe('formatIngestSummary', () => {
  it('prints counts per source and reason, examples as file:line and the nothing-lost check', async () => {
    await withIngested(await fixtureDataDir('rules/no-fx-rate'), async ({ report }) => {
      const summary = formatIngestSummary(report);
      expect(summary).toContain('subscriptions     5 read = 3 loaded + 2 quarantined ✓  (1 file)');
      expect(summary).toContain('no_fx_rate: 2');
      expect(summary).toMatch(
        /subscriptions\.csv:4 \[currency\] no_fx_rate: no fx rate for EUR on or before 2023-12-31/,
      );
      expect(summary).toContain('events            absent (optional: empty tables)');
      expect(summary).toContain('4 rows quarantined: see the quarantine.<source> tables.');
    });
  });
});

describe('raw tables', () => {
  it('have the column types of packages/models/src/sources/raw-tables.ts', async () => {
    const warehouse = await Warehouse.open(':memory:');
    const { ingestSources } = await import('../../src/index.js');
    try {
      await ingestSources({
        warehouse,
        dataDir: await baseDataDirWith(),
        sources: contractSources,
        config: {},
      });
      const rows = await warehouse.query<{ table_name: string; columns: string }>(
        `select table_name, string_agg(column_name || ' ' || data_type, ', ' order by ordinal_position) as columns
         from information_schema.columns where table_schema = 'raw' group by 1 order by 1`,
      );
      expect(Object.fromEntries(rows.map((row) => [row.table_name, row.columns]))).toEqual({
        accounts:
          'account_id VARCHAR, name VARCHAR, created_at TIMESTAMP, segment VARCHAR, region VARCHAR, acquisition_channel VARCHAR, _file VARCHAR, _line INTEGER',
        events:
          'event_id VARCHAR, account_id VARCHAR, user_id VARCHAR, event_name VARCHAR, occurred_at TIMESTAMP, _file VARCHAR, _line INTEGER',
        fx_rates: 'date DATE, currency VARCHAR, rate DOUBLE, _file VARCHAR, _line INTEGER',
        invoices:
          'invoice_id VARCHAR, account_id VARCHAR, issued_at TIMESTAMP, amount DOUBLE, currency VARCHAR, status VARCHAR, _file VARCHAR, _line INTEGER',
        spend:
          'month DATE, channel VARCHAR, category VARCHAR, amount DOUBLE, currency VARCHAR, _file VARCHAR, _line INTEGER',
        subscriptions:
          'subscription_id VARCHAR, account_id VARCHAR, plan VARCHAR, billing_interval VARCHAR, amount DOUBLE, currency VARCHAR, start_date DATE, end_date DATE, is_trial BOOLEAN, _file VARCHAR, _line INTEGER',
        survey_responses:
          'response_id VARCHAR, account_id VARCHAR, user_id VARCHAR, survey VARCHAR, score INTEGER, responded_at TIMESTAMP, comment VARCHAR, _file VARCHAR, _line INTEGER',
        tickets:
          'ticket_id VARCHAR, account_id VARCHAR, created_at TIMESTAMP, first_response_at TIMESTAMP, resolved_at TIMESTAMP, priority VARCHAR, channel VARCHAR, _file VARCHAR, _line INTEGER',
      });
      const quarantine = await warehouse.query<{ columns: string }>(
        `select string_agg(column_name || ' ' || data_type, ', ' order by ordinal_position) as columns
         from information_schema.columns where table_schema = 'quarantine' and table_name = 'events'`,
      );
      expect(quarantine[0]?.columns).toBe(
        'file VARCHAR, line INTEGER, column VARCHAR, reason_code VARCHAR, reason VARCHAR, raw VARCHAR',
      );
    } finally {
      await warehouse.close();
    }
  });
});
