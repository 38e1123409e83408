import { type ChildProcess, spawn } from 'node:child_process';
import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TINY_PROJECT_MODULE, tinyWorkspace } from '../support/tiny-project.js';
import { runPulse } from './spawn-pulse.js';

const CORE = fileURLToPath(new URL('../../', import.meta.url));

/** Another process (an analyst's DuckDB shell) holding the warehouse file until it is killed. */
async function holdWarehouse(path: string, mode: 'READ_WRITE' | 'READ_ONLY'): Promise<ChildProcess> {
  const script =
    "import { DuckDBInstance } from '@duckdb/node-api';" +
    `const db = await DuckDBInstance.create(${JSON.stringify(path)}, { access_mode: '${mode}' });` +
    "await (await db.connect()).run('select 1'); console.log('holding'); setInterval(() => {}, 1000);";
  const holder = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: CORE });
  await new Promise<void>((resolve, reject) => {
    holder.stdout!.on('data', (chunk) => String(chunk).includes('holding') && resolve());
    holder.on('exit', (code) => reject(new Error(`the holder exited with ${code}`)));
  });
  return holder;
}

describe('a warehouse held by another DuckDB process', () => {
  let workspace: Awaited<ReturnType<typeof tinyWorkspace>>;
  let holder: ChildProcess | undefined;
  const refresh = () => runPulse(['refresh', '--project', TINY_PROJECT_MODULE], workspace.root);
  beforeEach(async () => {
    workspace = await tinyWorkspace();
    expect((await refresh()).code).toBe(0);
    // A changed export: the refresh has work to do, so it opens the published warehouse.
    await appendFile(join(workspace.paths.dataDir, 'accounts.csv'), 'a9,smb,90,2024-03-09\n');
  });
  afterEach(async () => {
    holder?.kill('SIGKILL');
    await workspace.cleanup();
  });

  it('read-write (a DuckDB shell left open): the refresh fails and says how to query the file without blocking it', async () => {
    holder = await holdWarehouse(workspace.paths.warehouse, 'READ_WRITE');
    const blocked = await refresh();
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toContain('Could not set lock');
    expect(blocked.stderr).toContain(`duckdb -readonly ${workspace.paths.warehouse}`);
  });

  it('read-only (as the message advises): the refresh runs and publishes', async () => {
    holder = await holdWarehouse(workspace.paths.warehouse, 'READ_ONLY');
    const refreshed = await refresh();
    expect({ code: refreshed.code, stderr: refreshed.stderr }).toEqual({ code: 0, stderr: '' });
    expect(refreshed.stdout).toContain('published');
  });
});
