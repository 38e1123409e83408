import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Warehouse } from '../../src/index.js';
import { TINY_PROJECT_MODULE, tinyWorkspace } from '../support/tiny-project.js';
import { runPulse } from './spawn-pulse.js';

async function modelRelations(warehouse: string): Promise<string[]> {
  const db = await Warehouse.open(warehouse, { readOnly: true });
  try {
    const rows = await db.query<{ name: string }>(
      `select schema_name || '.' || table_name as name from duckdb_tables()
       where schema_name in ('staging', 'intermediate', 'marts')
       union all select schema_name || '.' || view_name from duckdb_views()
       where schema_name in ('staging', 'intermediate', 'marts') order by 1`,
    );
    return rows.map((row) => row.name);
  } finally {
    await db.close();
  }
}

/**
 * A model the project no longer has (removed, or renamed by an upgrade): a refresh works on a copy of the
 * published warehouse, where its table still sits with the rows of the day it was last built. A full build
 * of the same project has no such table.
 */
describe('pulse refresh after a model was removed from the project', () => {
  let workspace: Awaited<ReturnType<typeof tinyWorkspace>>;
  beforeEach(async () => {
    workspace = await tinyWorkspace();
  });
  afterEach(() => workspace.cleanup());

  // It kept marts.big_account_count, frozen, in every warehouse it published after.
  it("drops the removed model's table, as a full build of the project has none", async () => {
    const first = await runPulse(['refresh', '--project', TINY_PROJECT_MODULE], workspace.root);
    expect({ code: first.code, stderr: first.stderr }).toEqual({ code: 0, stderr: '' });
    const warehouse = join(workspace.root, 'data', 'warehouse.duckdb');
    expect(await modelRelations(warehouse)).toContain('marts.big_account_count');

    const without = join(workspace.root, 'without-count.mts');
    await writeFile(
      without,
      `import tiny from ${JSON.stringify(TINY_PROJECT_MODULE)};\n` +
        "export default { ...tiny, models: tiny.models.filter((model) => model.name !== 'big_account_count') };\n",
    );
    await appendFile(join(workspace.root, 'data', 'raw', 'accounts.csv'), 'a9,smb,120,2024-03-01\n');
    const refreshed = await runPulse(['refresh', '--project', without], workspace.root);
    expect({ code: refreshed.code, stderr: refreshed.stderr }).toEqual({ code: 0, stderr: '' });
    expect(refreshed.stdout).toContain(
      'Dropped the tables of models the project no longer has: marts.big_account_count',
    );
    const full = await runPulse(
      ['build', '--project', without, '--warehouse', join(workspace.root, 'full', 'warehouse.duckdb')],
      workspace.root,
    );
    expect(full.code).toBe(0);
    const relations = await modelRelations(warehouse);
    expect(relations).not.toContain('marts.big_account_count');
    expect(relations).toEqual(await modelRelations(join(workspace.root, 'full', 'warehouse.duckdb')));
  });
});

describe('pulse refresh after a model was removed from the project, with no data file changed', () => {
  let workspace: Awaited<ReturnType<typeof tinyWorkspace>>;
  beforeEach(async () => {
    workspace = await tinyWorkspace();
  });
  afterEach(() => workspace.cleanup());

  const projectWith = (models: string) =>
    `import tiny from ${JSON.stringify(TINY_PROJECT_MODULE)};\nexport default { ...tiny, models: ${models} };\n`;

  it.each([
    ['the same project file, edited', 'project.mts', 'project.mts'],
    ['another project file', 'project.mts', 'without-count.mts'],
  ])('is not up to date: it drops the table (%s)', async (_, before, after) => {
    await writeFile(join(workspace.root, before), projectWith('tiny.models'));
    const first = await runPulse(['refresh', '--project', join(workspace.root, before)], workspace.root);
    expect({ code: first.code, stderr: first.stderr }).toEqual({ code: 0, stderr: '' });
    await writeFile(
      join(workspace.root, after),
      projectWith("tiny.models.filter((model) => model.name !== 'big_account_count')"),
    );
    const refreshed = await runPulse(['refresh', '--project', join(workspace.root, after)], workspace.root);
    expect({ code: refreshed.code, stderr: refreshed.stderr }).toEqual({ code: 0, stderr: '' });
    expect(refreshed.stdout).toContain(
      'Dropped the tables of models the project no longer has: marts.big_account_count',
    );
    const warehouse = join(workspace.root, 'data', 'warehouse.duckdb');
    expect(await modelRelations(warehouse)).not.toContain('marts.big_account_count');
  });

  // The up-to-date check answers from the recorded code files without importing the project, but only
  // for the project module that recorded them: another module's import proves nothing about its models.
  it('answers up to date without importing the same project, and imports another module to compare', async () => {
    const imports = join(workspace.root, 'imports.log');
    const project = (name: string) =>
      `import { appendFileSync } from 'node:fs';\nappendFileSync(${JSON.stringify(imports)}, '${name}\\n');\n` +
      projectWith('tiny.models');
    await writeFile(join(workspace.root, 'a.mts'), project('a'));
    await writeFile(join(workspace.root, 'b.mts'), project('b'));
    const refresh = (name: string) =>
      runPulse(['refresh', '--project', join(workspace.root, `${name}.mts`)], workspace.root);
    expect((await refresh('a')).code).toBe(0);
    const importsOf = async () => (await readFile(imports, 'utf8')).trim().split('\n');
    const afterFirst = await importsOf();
    const same = await refresh('a');
    expect(same.stdout).toContain('Up to date');
    expect(await importsOf()).toEqual(afterFirst);
    const other = await refresh('b');
    expect(other.stdout).toContain('Up to date');
    expect(await importsOf()).toEqual([...afterFirst, 'b']);
  });
});
