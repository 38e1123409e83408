// What the site build says of missing or damaged inputs. A marts folder that does not exist (a relative
// PULSE_MARTS_DIR read from the site's folder) built 14 empty pages and exited 0; an emptied or cut
// run_results.json stopped the build with "Unexpected end of JSON input", naming no file.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_DIR } from '../scripts/lib/paths.js';
import { siteInputs } from '../scripts/lib/site-data.js';

let root;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'pulse-site-inputs-'));
  await mkdir(join(root, 'target'), { recursive: true });
  await writeFile(join(root, 'target', 'run_results.json'), '{"generated_at": "2026-');
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('the site inputs', () => {
  it('name a damaged run_results.json and say to build again', () => {
    expect(() => siteInputs({ marts: join(root, 'marts'), target: join(root, 'target') })).toThrow(
      `${join(root, 'target', 'run_results.json')} is not valid JSON`,
    );
  });

  it('refuse a marts folder that does not exist (exit 2, naming it), before any page is built', async () => {
    const run = promisify(execFile)(process.execPath, [join(APP_DIR, 'scripts', 'warm-data-cache.js')], {
      cwd: APP_DIR,
      env: { ...process.env, PULSE_MARTS_DIR: join(root, 'no-such-marts') },
    });
    await expect(run).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining(`the marts folder ${join(root, 'no-such-marts')} does not exist`),
    });
  });
});

describe('a publish a killed run left halfway', () => {
  // Its journal beside the warehouse: the marts and run_results.json may be of two runs. The site read
  // them and mixed two runs' numbers, exit 0.
  it('is waited for, then refused (exit 2), saying to run pulse refresh, before any page is built', async () => {
    const dir = join(root, 'halfway');
    await mkdir(join(dir, 'marts'), { recursive: true });
    await writeFile(join(dir, 'warehouse.duckdb.publishing'), '{}');
    const run = promisify(execFile)(process.execPath, [join(APP_DIR, 'scripts', 'warm-data-cache.js')], {
      cwd: APP_DIR,
      env: { ...process.env, PULSE_MARTS_DIR: join(dir, 'marts'), PULSE_PUBLISH_WAIT_SECONDS: '0.3' },
    });
    await expect(run).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('is half done'),
    });
  });
});

describe('a damaged mart', () => {
  // A 0-byte or cut Parquet file stopped the build with DuckDB's own error and a stack trace.
  it.each([
    ['emptied', ''],
    ['cut short', 'PAR1 not a whole file'],
  ])('(%s) is named, with the command that writes it anew', async (_, content) => {
    const { checkColumns } = await import('../scripts/lib/export-mart.js');
    const { openDuckDB } = await import('../scripts/lib/duckdb.js');
    const file = join(root, 'mrr_monthly.parquet');
    await writeFile(file, content);
    const db = await openDuckDB();
    try {
      await expect(checkColumns(db, file, null)).rejects.toThrow(
        new RegExp(`^${file.replaceAll('.', '\\.')} cannot be read as Parquet .*Run \`pulse refresh\``),
      );
    } finally {
      db.close();
    }
  });
});
