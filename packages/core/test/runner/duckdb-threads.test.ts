import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, describe, expect, it } from 'vitest';
import { Warehouse } from '../../src/index.js';
import { buildStaged } from '../../src/runner/build-staged.js';
import {
  COMPRESSED_WEIGHT,
  duckdbThreads,
  inputBytes,
  SMALL_INPUT_BYTES,
} from '../../src/runner/duckdb-threads.js';
import { DuckdbThreadsError } from '../../src/warehouse/threads-setting.js';
import project from '../fixtures/tiny-project/project.js';
import { tempDir } from '../support/temp-warehouse.js';
import { TINY_PROJECT_DIR } from '../support/tiny-project.js';

const csv = (size: number) => ({ size, gzip: false, format: 'csv' as const });

const THREADS_SQL = "select current_setting('threads')::integer as threads";
async function threadsOf(warehouse: Warehouse): Promise<number> {
  const [row] = await warehouse.query<{ threads: number }>(THREADS_SQL);
  return row!.threads;
}

// The tests below set PULSE_THREADS: each leaves it as the run had it.
const savedThreads = process.env.PULSE_THREADS;
afterEach(() => {
  if (savedThreads === undefined) delete process.env.PULSE_THREADS;
  else process.env.PULSE_THREADS = savedThreads;
});

describe("DuckDB's threads for a build", () => {
  it('counts gzip and Parquet files at several times their size', () => {
    expect(inputBytes([])).toBe(0);
    expect(
      inputBytes([
        csv(1000),
        { size: 100, gzip: true, format: 'csv' },
        { size: 10, gzip: false, format: 'parquet' },
        { size: 1, gzip: false, format: 'jsonl' },
      ]),
    ).toBe(1000 + 100 * COMPRESSED_WEIGHT + 10 * COMPRESSED_WEIGHT + 1);
  });

  it("is one thread below the small-input line and DuckDB's default (one per core) from it on", () => {
    expect(duckdbThreads({ files: [] }, {})).toBe(1);
    expect(duckdbThreads({ files: [csv(SMALL_INPUT_BYTES - 1)] }, {})).toBe(1);
    expect(duckdbThreads({ files: [csv(SMALL_INPUT_BYTES)] }, {})).toBeUndefined();
    // A gzip file a quarter of the line holds about as much as the line.
    const quarter = Math.ceil(SMALL_INPUT_BYTES / COMPRESSED_WEIGHT);
    expect(duckdbThreads({ files: [{ size: quarter, gzip: true, format: 'csv' }] }, {})).toBeUndefined();
    expect(duckdbThreads(undefined, {})).toBeUndefined();
  });

  it('takes PULSE_THREADS over the choice, and says what to set when it is not a whole number from 1 to 256', () => {
    expect(duckdbThreads({ files: [csv(10)] }, { PULSE_THREADS: ' 4 ' })).toBe(4);
    expect(duckdbThreads({ files: [csv(SMALL_INPUT_BYTES * 10)] }, { PULSE_THREADS: '1' })).toBe(1);
    expect(duckdbThreads(undefined, { PULSE_THREADS: '2' })).toBe(2);
    expect(duckdbThreads({ files: [csv(10)] }, { PULSE_THREADS: '' })).toBe(1);
    for (const value of ['0', '-1', '1.5', 'two', '257']) {
      expect(() => duckdbThreads({ files: [] }, { PULSE_THREADS: value })).toThrow(DuckdbThreadsError);
    }
    expect(() => duckdbThreads({ files: [] }, { PULSE_THREADS: 'all' })).toThrow(
      /PULSE_THREADS is "all": set it to a whole number from 1 to 256/,
    );
  });
});

describe('PULSE_THREADS on every warehouse', () => {
  it("is the threads of a warehouse Pulse opens; unset, DuckDB's default", async () => {
    const threadsOfNew = async () => {
      const warehouse = await Warehouse.open(':memory:');
      try {
        return await threadsOf(warehouse);
      } finally {
        await warehouse.close();
      }
    };
    process.env.PULSE_THREADS = '3';
    expect(await threadsOfNew()).toBe(3);
    delete process.env.PULSE_THREADS;
    // DuckDB's own default, as a bare instance has it (one per core, as DuckDB counts them).
    const bare = await DuckDBInstance.create(':memory:');
    const connection = await bare.connect();
    const [defaults] = (await connection.runAndReadAll(THREADS_SQL)).getRowObjectsJS();
    connection.closeSync();
    bare.closeSync();
    expect(await threadsOfNew()).toBe(defaults!.threads);
    process.env.PULSE_THREADS = 'many';
    await expect(threadsOfNew()).rejects.toThrow(DuckdbThreadsError);
  });
});

describe('buildStaged sets the threads before it ingests', () => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await cleanup?.();
    cleanup = undefined;
  });

  async function threadsAfterBuild(): Promise<number> {
    const temp = await tempDir('pulse-threads-');
    cleanup = temp.cleanup;
    const warehouse = await Warehouse.open(join(temp.dir, 'warehouse.duckdb'));
    try {
      await warehouse.exec('set threads = 3');
      const staged = await buildStaged({
        project,
        warehouse,
        dataDir: join(TINY_PROJECT_DIR, 'data', 'raw'),
        config: project.config.parse({}),
        exportDir: join(temp.dir, 'marts'),
      });
      expect(staged.run.success).toBe(true);
      return await threadsOf(warehouse);
    } finally {
      await warehouse.close();
    }
  }

  it('one thread for the tiny project (one small CSV file)', async () => {
    delete process.env.PULSE_THREADS;
    expect(await threadsAfterBuild()).toBe(1);
  });

  it('PULSE_THREADS when set', async () => {
    process.env.PULSE_THREADS = '2';
    expect(await threadsAfterBuild()).toBe(2);
  });
});
