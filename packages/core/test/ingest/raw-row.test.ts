import { describe, expect, expectTypeOf, it } from 'vitest';
import { defineSource, type RawRow, type RawTablesOf } from '../../src/index.js';
import { dataDirWith, withIngested } from './support/ingest-harness.js';

/** One column of every type, required, defaulted and optional, so the derived row type covers each rule. */
const readings = defineSource({
  name: 'readings',
  required: true,
  description: 'One reading per id.',
  columns: [
    { name: 'reading_id', type: 'id', required: true, description: 'Id.' },
    { name: 'label', type: 'string', description: 'Optional text.' },
    { name: 'site', type: 'string', default: 'unknown', description: 'Defaulted text.' },
    { name: 'taken_on', type: 'date', required: true, description: 'A day.' },
    { name: 'taken_at', type: 'timestamp', description: 'An instant.' },
    { name: 'price', type: 'money', required: true, description: 'Money.' },
    { name: 'currency', type: 'currency', required: true, description: 'ISO code.' },
    { name: 'count', type: 'integer', description: 'Whole number.' },
    { name: 'ratio', type: 'decimal', description: 'Decimal.' },
    { name: 'checked', type: 'boolean', default: false, description: 'Flag.' },
    { name: 'month', type: 'month', description: 'A month.' },
    { name: 'level', type: { enum: ['low', 'high'] }, required: true, description: 'Enum.' },
  ],
});

type ExpectedReading = {
  reading_id: string;
  label: string | null;
  site: string;
  taken_on: string;
  taken_at: Date | null;
  price: number;
  currency: string;
  count: number | null;
  ratio: number | null;
  checked: boolean;
  month: string | null;
  level: 'low' | 'high';
  _file: string;
  _line: number;
};

describe('RawRow: the row type of raw.<source>, derived from its declaration', () => {
  it('maps each column type by the value policy, null unless required or defaulted', () => {
    expectTypeOf<RawRow<typeof readings>>().toEqualTypeOf<ExpectedReading>();
    expectTypeOf<RawTablesOf<typeof readings>>().toEqualTypeOf<{ 'raw.readings': ExpectedReading }>();
  });

  it('describes the values ingestion really stores (real DuckDB)', async () => {
    const dir = await dataDirWith({
      'readings.csv': [
        'reading_id,label,site,taken_on,taken_at,price,currency,count,ratio,checked,month,level',
        'R1,first,lab,2024-01-02,2024-01-02T03:04:05Z,9.5,eur,3,0.25,true,2024-03,high',
        'R2,,,2024-01-03,,0,USD,,,,,low',
      ].join('\n'),
    });
    await withIngested(
      dir,
      async ({ raw }) => {
        const rows = await raw<RawRow<typeof readings>>('readings');
        expect(rows).toEqual([
          {
            reading_id: 'R1',
            label: 'first',
            site: 'lab',
            taken_on: '2024-01-02',
            taken_at: new Date('2024-01-02T03:04:05Z'),
            price: 9.5,
            currency: 'EUR',
            count: 3,
            ratio: 0.25,
            checked: true,
            month: '2024-03-01',
            level: 'high',
            _file: 'readings.csv',
            _line: 2,
          },
          {
            reading_id: 'R2',
            label: null,
            site: 'unknown',
            taken_on: '2024-01-03',
            taken_at: null,
            price: 0,
            currency: 'USD',
            count: null,
            ratio: null,
            checked: false,
            month: null,
            level: 'low',
            _file: 'readings.csv',
            _line: 3,
          },
        ] satisfies ExpectedReading[]);
      },
      { sources: [readings] },
    );
  });
});
