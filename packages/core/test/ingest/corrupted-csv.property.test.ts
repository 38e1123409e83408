import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineSource, ingestSources, nothingLost, PulseError, Warehouse } from '../../src/index.js';

/**
 * Hundreds of randomly corrupted CSV files: ingestion must either report (every record read is loaded
 * or quarantined, each at a distinct line of the file) or fail with a PulseError, never with anything
 * else. PULSE_FC_SEED / PULSE_FC_RUNS explore other cases.
 */
const things = defineSource({
  name: 'things',
  required: true,
  description: 'One column of each kind.',
  columns: [
    { name: 'thing_id', type: 'id', required: true, description: 'Id.' },
    { name: 'label', type: 'string', description: 'Free text.' },
    { name: 'size', type: 'integer', range: { min: 0 }, description: 'Size.' },
    { name: 'price', type: 'money', description: 'Price.' },
    { name: 'seen_at', type: 'timestamp', description: 'When.' },
    { name: 'active', type: 'boolean', default: false, description: 'Flag.' },
    { name: 'kind', type: { enum: ['a', 'b'] }, description: 'Kind.' },
  ],
  uniqueKeys: [['thing_id']],
});

const VALID = [
  'thing_id,label,size,price,seen_at,active,kind',
  'T1,plain,1,9.90,2024-01-05T10:00:00Z,true,a',
  'T2,"quoted, with comma",2,10,2024-01-05,false,b',
  'T3,"multi\nline ""quoted""",3,0.5,2024-01-05T10:00:00+02:00,1,A',
  'T4,café ünïcode,4,1e3,2024-02-29T23:59:59Z,0,b',
  '',
  'T5,after blank,5,-1,2024-03-01T00:00:00Z,,a',
  'T6,,6,,,,',
].join('\n');

type Corruption = (bytes: Buffer) => Buffer;

const at = (bytes: Buffer, position: number) => (bytes.length ? position % (bytes.length + 1) : 0);
const splice = (bytes: Buffer, position: number, insert: Buffer, remove = 0) =>
  Buffer.concat([
    bytes.subarray(0, at(bytes, position)),
    insert,
    bytes.subarray(at(bytes, position) + remove),
  ]);

const corruption: fc.Arbitrary<Corruption> = fc.oneof(
  fc.nat().map((position) => (bytes: Buffer) => bytes.subarray(0, at(bytes, position))),
  fc.tuple(fc.nat(), fc.constantFrom(';', '\t', '|')).map(
    ([position, delimiter]) =>
      (bytes: Buffer) =>
        position % 2
          ? Buffer.from(bytes.toString('latin1').replaceAll(',', delimiter), 'latin1')
          : splice(bytes, position, Buffer.from(delimiter)),
  ),
  fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 12 })).map(
    ([position, garbage]) =>
      (bytes: Buffer) =>
        splice(bytes, position, Buffer.from(garbage)),
  ),
  fc.tuple(fc.nat(), fc.constantFrom('"', '""', '","', '"\n', '\n"')).map(
    ([position, quote]) =>
      (bytes: Buffer) =>
        splice(bytes, position, Buffer.from(quote)),
  ),
  fc.tuple(fc.nat(), fc.constantFrom('\n', '\r\n', '\r', '\n\n', ',')).map(
    ([position, text]) =>
      (bytes: Buffer) =>
        splice(bytes, position, Buffer.from(text)),
  ),
  fc.tuple(fc.nat(), fc.nat({ max: 20 })).map(
    ([position, length]) =>
      (bytes: Buffer) =>
        splice(bytes, position, Buffer.alloc(0), length),
  ),
  // A field longer than the 2 MB line limit.
  fc.nat().map((position) => (bytes: Buffer) => splice(bytes, position, Buffer.alloc(2_100_000, 'x'))),
  // The file re-encoded as latin-1 or UTF-16.
  fc.constantFrom<Corruption>(
    (bytes) => Buffer.from(bytes.toString('utf8'), 'latin1'),
    (bytes) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(bytes.toString('utf8'), 'utf16le')]),
    (bytes) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]),
  ),
);

let warehouse: Warehouse;
let dataDir: string;

beforeAll(async () => {
  warehouse = await Warehouse.open(':memory:');
  dataDir = await mkdtemp(join(tmpdir(), 'pulse-ingest-property-'));
});

afterAll(async () => {
  await warehouse.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('randomly corrupted CSV files', () => {
  it('are reported without losing a row, or fail with a PulseError', async () => {
    const outcomes = { reported: 0, fileErrors: 0 };
    const messages = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.array(corruption, { minLength: 1, maxLength: 4 }), async (corruptions) => {
        const bytes = corruptions.reduce<Buffer>((content, corrupt) => corrupt(content), Buffer.from(VALID));
        await writeFile(join(dataDir, 'things.csv'), bytes);
        let report: Awaited<ReturnType<typeof ingestSources>>;
        try {
          report = await ingestSources({ warehouse, dataDir, sources: [things], config: {} });
        } catch (error) {
          if (!(error instanceof PulseError)) throw error;
          if (process.env.PULSE_FC_VERBOSE) messages.add(error.message.replace(/[0-9]+/g, 'N').slice(0, 140));
          outcomes.fileErrors++;
          return;
        }
        outcomes.reported++;
        const [source] = report.sources;
        expect(nothingLost(source!)).toBe(true);
        const [lines] = await warehouse.query<{ rows: number; distinct: number; first: number | null }>(
          `select count(*) as rows, count(distinct line) as distinct, min(line) as first from (
             select _line as line from raw.things union all select line from quarantine.things)`,
        );
        expect(lines?.rows).toBe(source!.rowsRead);
        if (source!.warnings.length === 0) {
          expect(lines?.distinct).toBe(lines?.rows);
          if (lines?.first !== null) expect(lines!.first).toBeGreaterThanOrEqual(2);
          const [last] = await warehouse.query<{ line: number | null }>(
            'select max(line) as line from (select _line as line from raw.things union all select line from quarantine.things)',
          );
          expect(last?.line ?? 0).toBeLessThanOrEqual(bytes.toString('latin1').split(/\r\n|\r|\n/).length);
        }
      }),
      {
        numRuns: Number(process.env.PULSE_FC_RUNS ?? 300),
        seed: Number(process.env.PULSE_FC_SEED ?? 20_241_123),
      },
    );
    if (process.env.PULSE_FC_VERBOSE) console.log(outcomes, [...messages].sort().join('\n'));
    // Both branches must actually be exercised for the property to mean anything.
    expect(outcomes.reported).toBeGreaterThan(50);
    expect(outcomes.fileErrors).toBeGreaterThan(10);
  }, 120_000);
});
