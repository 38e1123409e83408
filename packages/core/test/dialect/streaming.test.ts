import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { BIGINT, BOOLEAN, DuckDBScalarFunction } from '@duckdb/node-api';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StreamChunkSizeError } from '../../src/dialect/dialect-errors.js';
import { rechunk } from '../../src/dialect/rechunk.js';
import { openTestDatabase, type TestDatabase } from './test-database.js';

// A real collection before each heap reading makes the numbers mean "still referenced", not "not yet collected".
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

function heapAfterGc(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

const ROWS = 1_000_000;
const MB = 2 ** 20;

let test: TestDatabase<any>;
/** Rows DuckDB has pushed through `counted()`: how far the query really ran. */
let rowsProduced = 0;

beforeAll(async () => {
  test = await openTestDatabase();
  test.connection.registerScalarFunction(
    DuckDBScalarFunction.create({
      name: 'counted',
      returnType: BOOLEAN,
      parameterTypes: [BIGINT],
      volatile: true,
      mainFunction: (_info, input, output) => {
        rowsProduced += input.rowCount;
        for (let row = 0; row < input.rowCount; row++) output.setItem(row, true);
        output.flush();
      },
    }),
  );
});
afterAll(() => test.close());

function rangeQuery(rows: number) {
  return test.db.selectFrom(sql`range(${rows})`.as('r')).select(sql<number>`range`.as('i'));
}

describe('stream(chunkSize) over a million rows', () => {
  it('yields every row once, in requested chunk sizes, with heap growth far below holding them', async () => {
    const compiled = rangeQuery(ROWS).compile();
    const chunkSize = 1000;

    const baseline = heapAfterGc();
    const chunkSizes: number[] = [];
    let expectedNext = 0;
    let peakGrowth = 0;
    // The executor's stream exposes the chunks that `.stream()` flattens into rows.
    for await (const { rows } of test.db.getExecutor().stream(compiled, chunkSize)) {
      chunkSizes.push(rows.length);
      for (const row of rows as { i: number }[]) {
        if (row.i !== expectedNext) throw new Error(`row ${expectedNext} came back as ${row.i}`);
        expectedNext++;
      }
      if (chunkSizes.length % 100 === 0) peakGrowth = Math.max(peakGrowth, heapAfterGc() - baseline);
    }

    expect(expectedNext).toBe(ROWS);
    expect(chunkSizes).toHaveLength(ROWS / chunkSize);
    expect(chunkSizes.every((size) => size === chunkSize)).toBe(true);

    // The control: what holding the same million rows costs on this heap.
    const beforeHolding = heapAfterGc();
    const held = await test.db.executeQuery(compiled);
    const holdingCost = heapAfterGc() - beforeHolding;
    expect(held.rows).toHaveLength(ROWS);

    expect(holdingCost).toBeGreaterThan(20 * MB);
    expect(peakGrowth).toBeLessThan(holdingCost / 10);
  });

  it('through the query builder: rows arrive in order and the last chunk is the remainder', async () => {
    const compiled = rangeQuery(2500).compile();
    const chunkSizes: number[] = [];
    for await (const { rows } of test.db.getExecutor().stream(compiled, 1000)) chunkSizes.push(rows.length);
    expect(chunkSizes).toEqual([1000, 1000, 500]);

    const ids: number[] = [];
    for await (const row of rangeQuery(2500).stream(7)) ids.push(row.i);
    expect(ids).toEqual(Array.from({ length: 2500 }, (_, i) => i));
  });

  it('chunks larger than DuckDB’s own 2048-row chunks are filled across them', async () => {
    const compiled = rangeQuery(10_000).compile();
    const chunkSizes: number[] = [];
    for await (const { rows } of test.db.getExecutor().stream(compiled, 4096)) chunkSizes.push(rows.length);
    expect(chunkSizes).toEqual([4096, 4096, 1808]);
  });
});

describe('a stream runs the query only as far as it is read', () => {
  it('breaking after the first chunk leaves most of a 10M-row query unproduced', async () => {
    rowsProduced = 0;
    const query = test.db
      .selectFrom(sql`range(${10_000_000})`.as('r'))
      .select(sql<number>`range`.as('i'))
      .where(sql<boolean>`counted(range)`);
    let read = 0;
    for await (const _row of query.stream(100)) {
      read++;
      if (read === 100) break;
    }
    expect(read).toBe(100);
    // DuckDB runs a little ahead of the reader (~10^5 rows here); materialising would produce all 10^7.
    expect(rowsProduced).toBeGreaterThan(0);
    expect(rowsProduced).toBeLessThan(1_000_000);
  });

  it('the connection serves the next query after an abandoned stream', async () => {
    for await (const _row of rangeQuery(100_000).stream(10)) break;
    const { rows } = await sql<{ n: number }>`select count(*) as n from range(5)`.execute(test.db);
    expect(rows).toEqual([{ n: 5 }]);
  });
});

describe('stream edge cases', () => {
  it('a query with no rows yields nothing', async () => {
    const rows: unknown[] = [];
    for await (const row of rangeQuery(0).stream(10)) rows.push(row);
    expect(rows).toEqual([]);
  });

  it.each([0, -1, 1.5])('refuses chunk size %s', async (chunkSize) => {
    const stream = rangeQuery(10).stream(chunkSize);
    await expect(stream.next()).rejects.toThrow(StreamChunkSizeError);
  });

  it('streaming a statement reports its affected rows', async () => {
    await sql`create table streamed (i integer)`.execute(test.db);
    const compiled = test.db
      .insertInto('streamed')
      .values([{ i: 1 }, { i: 2 }])
      .compile();
    const results = [];
    for await (const result of test.db.getExecutor().stream(compiled, 10)) results.push(result);
    expect(results).toEqual([{ rows: [], numAffectedRows: 2n }]);
  });
});

describe('rechunk', () => {
  it('pulls a batch only when the chunk being filled needs it', async () => {
    let batchesPulled = 0;
    async function* batches() {
      for (let start = 0; start < 100; start += 2) {
        batchesPulled++;
        yield [start, start + 1];
      }
    }
    const chunks = rechunk(batches(), 3);
    expect((await chunks.next()).value).toEqual([0, 1, 2]);
    expect(batchesPulled).toBe(2);
    const rest: number[][] = [];
    for await (const chunk of chunks) rest.push(chunk);
    expect(rest.flat()).toEqual(Array.from({ length: 97 }, (_, i) => i + 3));
    expect(rest.at(-1)).toEqual([99]);
  });
});
