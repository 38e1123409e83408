// `npm run dev` of the report site serves the one data loader live: when a build publishes new marts or
// target/*.json, the next request gets the new data without restarting the server (scripts/dev.js
// touches the loader, Framework runs it again). Framework's preview over a generated project.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteInputs } from '../support/site-build.js';
import { copySite } from '../support/site-copy.js';
import { buildGeneratedProject, generateExports } from '../support/site-fixtures.js';

const work = mkdtempSync(join(tmpdir(), 'pulse-site-dev-'));
let inputs: SiteInputs;
let siteDir: string;
let dev: ChildProcess;
let url: string;

async function get(path: string): Promise<unknown> {
  const response = await fetch(`${url}${path}`);
  expect(response.status, path).toBe(200);
  return response.json();
}

beforeAll(async () => {
  inputs = await buildGeneratedProject(await generateExports(join(work, 'generated')), join(work, 'project'));
  siteDir = copySite('dev');
  // Loader output an earlier build left in Framework's cache (scripts/warm-data-cache.js stamps it with
  // its run's time, later than the loader file's): the preview served it, another project's data, until
  // a watched file changed.
  const cached = join(siteDir, 'src', '.observablehq', 'cache', 'data');
  mkdirSync(cached, { recursive: true });
  writeFileSync(join(cached, 'provenance.json'), '{"run_id": "an earlier build"}\n');
  const later = new Date(Date.now() + 3_600_000);
  utimesSync(join(cached, 'provenance.json'), later, later);
  dev = spawn('npm', ['run', 'dev', '--', '--port', '3900'], {
    cwd: siteDir,
    env: { ...process.env, PULSE_MARTS_DIR: inputs.martsDir, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  url = await new Promise<string>((found, failed) => {
    let output = '';
    const timer = setTimeout(() => failed(new Error(`no preview server:\n${output}`)), 60_000);
    dev.stdout!.on('data', (chunk) => {
      output += String(chunk);
      // Framework takes the next free port when 3900 is taken.
      const address = /http:\/\/(?:127\.0\.0\.1|localhost):(\d+)/.exec(output);
      if (address) {
        clearTimeout(timer);
        found(`http://127.0.0.1:${address[1]}`);
      }
    });
    dev.on('exit', (code) => failed(new Error(`npm run dev exited with ${code}:\n${output}`)));
  });
});

afterAll(() => {
  // npm, scripts/dev.js and Framework's preview: the whole process group this suite started.
  if (dev?.pid) process.kill(-dev.pid, 'SIGTERM');
  rmSync(work, { recursive: true, force: true });
  if (siteDir) rmSync(siteDir, { recursive: true, force: true });
});

describe('npm run dev', () => {
  it("serves an account page's data from its parameterized loader", async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const db = await instance.connect();
    let expected: { account_id: string; mrr: number }[];
    try {
      const pages = join(inputs.martsDir, 'account_pages.parquet');
      const months = join(inputs.martsDir, 'mrr_account_months.parquet');
      expected = (
        await db.runAndReadAll(
          `select account_id, mrr from '${months}' where account_id = (
             select min(account_id) from '${pages}' where regexp_full_match(account_id, '[A-Za-z0-9_~-]+'))
           order by month`,
        )
      ).getRowObjectsJS() as { account_id: string; mrr: number }[];
    } finally {
      db.closeSync();
      instance.closeSync();
    }
    expect(expected.length).toBeGreaterThan(0);
    const id = expected[0]!.account_id;
    const page = (await get(`/_file/accounts/${encodeURIComponent(id)}.json`)) as {
      account: { account_id: string };
      mrr: { mrr: number }[];
    };
    expect(page.account.account_id).toBe(id);
    expect(page.mrr.map((r) => r.mrr)).toEqual(expected.map((r) => r.mrr));
  });

  it('serves new target/*.json and marts as soon as they are published', async () => {
    const runResults = join(inputs.targetDir, 'run_results.json');
    const before = (await get('/_file/data/provenance.json')) as { run_id: string };
    const results = JSON.parse(readFileSync(runResults, 'utf8'));
    expect(before.run_id).toBe(results.metadata.invocation_id);
    results.metadata.invocation_id = '00000000-0000-4000-8000-000000000001';
    writeFileSync(runResults, JSON.stringify(results));
    await expect
      .poll(async () => ((await get('/_file/data/provenance.json')) as { run_id: string }).run_id, {
        timeout: 20_000,
        interval: 500,
      })
      .toBe(results.metadata.invocation_id);

    // A mart rewritten with only its `all` rows, as a build that lost every segment would publish it.
    const mart = join(inputs.martsDir, 'mrr_monthly.parquet');
    const segments = async () =>
      new Set(((await get('/_file/data/mrr_monthly.json')) as { segment: string }[]).map((r) => r.segment));
    expect((await segments()).size).toBeGreaterThan(1);
    const instance = await DuckDBInstance.create(':memory:');
    const db = await instance.connect();
    try {
      await db.run(`copy (select * from '${mart}' where segment = 'all') to '${mart}.new' (format parquet)`);
    } finally {
      db.closeSync();
      instance.closeSync();
    }
    rmSync(mart);
    writeFileSync(mart, readFileSync(`${mart}.new`));
    await expect
      .poll(async () => [...(await segments())], { timeout: 20_000, interval: 500 })
      .toEqual(['all']);
  });
});
