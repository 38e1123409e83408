import { describe, expect, it } from 'vitest';
import { resolveGenerateOptions } from '../src/generate-options.js';
import { GenerateOptionsError } from '../src/index.js';

const VALID = { outDir: '/tmp/x', accounts: 10, months: 3, seed: 1 };

describe('generate: options', () => {
  it('defaults to a partial last month, no corrupt rows and the fastest gzip level', () => {
    const options = resolveGenerateOptions(VALID);
    expect(options).toMatchObject({ end: '2026-10-15', corruptRows: 0, gzipLevel: 1 });
    expect(options.workers).toBeGreaterThanOrEqual(1);
  });

  it.each([
    [{ accounts: 0 }, /accounts must be a whole number/],
    [{ months: 1.5 }, /months must be a whole number/],
    [{ end: '2026-02-30' }, /end must be a real date/],
    [{ corruptRows: -1 }, /corruptRows/],
    [{ gzipLevel: 10 }, /gzipLevel/],
    [{ outDir: '' }, /outDir is required/],
  ])('rejects %o with a GenerateOptionsError', (override, message) => {
    expect(() => resolveGenerateOptions({ ...VALID, ...override })).toThrow(GenerateOptionsError);
    expect(() => resolveGenerateOptions({ ...VALID, ...override })).toThrow(message);
  });
});
