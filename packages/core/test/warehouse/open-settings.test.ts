import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Warehouse } from '../../src/index.js';
import {
  DEFAULT_MEMORY_LIMIT,
  DuckdbMemoryLimitError,
  memoryLimitFromEnv,
} from '../../src/warehouse/memory-limit-setting.js';
import { tempDir } from '../support/temp-warehouse.js';

describe('PULSE_MEMORY_LIMIT', () => {
  it('is a size with its unit, at least 64MB; unset, the default', () => {
    expect(memoryLimitFromEnv({})).toBe(DEFAULT_MEMORY_LIMIT);
    expect(memoryLimitFromEnv({ PULSE_MEMORY_LIMIT: ' 8GB ' })).toBe('8GB');
    expect(memoryLimitFromEnv({ PULSE_MEMORY_LIMIT: '512MiB' })).toBe('512MiB');
    expect(memoryLimitFromEnv({ PULSE_MEMORY_LIMIT: '1.5 gb' })).toBe('1.5 gb');
  });

  // "abc" and "0" failed the open with DuckDB's "Failed to set config" and a hint about a held file;
  // "-1GB" passed silently; "1KB" ended in DuckDB's out-of-memory advice to raise memory_limit.
  it('is a usage error naming the variable when it is not such a size', () => {
    for (const value of ['abc', '0', '-1GB', '1KB', '8', '8 potatoes'])
      expect(() => memoryLimitFromEnv({ PULSE_MEMORY_LIMIT: value })).toThrow(
        new DuckdbMemoryLimitError(
          `PULSE_MEMORY_LIMIT is "${value.trim()}": set it to a size of at least 64MB with its unit, such as 8GB or 512MiB (DuckDB's memory limit), or unset it for ${DEFAULT_MEMORY_LIMIT}.`,
        ),
      );
  });
});

describe('opening a file that is not a warehouse', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir('pulse-open-'));
  });
  afterEach(() => cleanup());

  // Every failed open said a DuckDB file can be held by one process at a time, though nothing held it.
  it('says to move it away and build, not to stop another process', async () => {
    const notes = join(dir, 'notes.duckdb');
    await writeFile(notes, 'not a database, but long enough to be read as one by DuckDB '.repeat(100));
    const opened = Warehouse.open(notes, { readOnly: true });
    await expect(opened).rejects.toThrow('move it away and run `pulse build` to make a new one');
    await expect(Warehouse.open(notes, { readOnly: true })).rejects.not.toThrow('held by one process');
  });
});
