import { existsSync } from 'node:fs';
import { readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Warehouse } from '../../src/index.js';
import { checkWarehouseFile, ForeignWarehouseFileError } from '../../src/refresh/warehouse-file-guard.js';
import { tempDir } from '../support/temp-warehouse.js';
import { TINY_PROJECT_MODULE, tinyWorkspace } from '../support/tiny-project.js';
import { runPulse } from './spawn-pulse.js';

describe('a warehouse path Pulse may publish over', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir('pulse-warehouse-guard-'));
  });
  afterEach(() => cleanup());

  it('is absent or a DuckDB database', async () => {
    await checkWarehouseFile(join(dir, 'not-yet.duckdb'));
    const db = await Warehouse.open(join(dir, 'wh.duckdb'));
    await db.close();
    await checkWarehouseFile(join(dir, 'wh.duckdb'));
  });

  it("is refused when it is a DuckDB database holding someone else's tables, not when Pulse built it", async () => {
    const mine = join(dir, 'mine.duckdb');
    const db = await Warehouse.open(mine);
    await db.exec('create table my_precious as select 42 as answer; create view my_view as select 1 as one');
    await db.close();
    await expect(checkWarehouseFile(mine)).rejects.toThrow(
      new ForeignWarehouseFileError(
        `The warehouse ${mine} is a DuckDB database that Pulse did not build: it holds tables such as ` +
          'main.my_precious, main.my_view and no pulse.build_vars. Each build replaces the warehouse file whole, ' +
          'so they would be lost: point --warehouse (or PULSE_WAREHOUSE) at a new path or at a warehouse Pulse built.',
      ),
    );
    // A warehouse a build wrote (pulse.build_vars), with or without its file manifest beside it.
    const built = join(dir, 'built.duckdb');
    const pulse = await Warehouse.open(built);
    await pulse.exec(
      'create schema pulse; create table pulse.build_vars (vars varchar); create schema marts; create table marts.x (a int)',
    );
    await pulse.close();
    await checkWarehouseFile(built);
    await writeFile(`${mine}.files.json`, '[]');
    await checkWarehouseFile(mine);
  });

  it('is refused when its path holds a ?, where DuckDB cannot keep its write-ahead log', async () => {
    await expect(checkWarehouseFile(join(dir, 'q?', 'wh.duckdb'))).rejects.toThrow(
      `The warehouse ${join(dir, 'q?', 'wh.duckdb')} has a ? in its path, where DuckDB cannot keep its write-ahead log.`,
    );
  });

  it('is refused when it is another file, a folder or a symbolic link', async () => {
    const notes = join(dir, 'notes.md');
    await writeFile(notes, 'mine');
    await expect(checkWarehouseFile(notes)).rejects.toThrow(
      new ForeignWarehouseFileError(
        `The warehouse ${notes} is not a DuckDB database. Each build replaces the warehouse file whole, so ` +
          'this file would be lost: point --warehouse (or PULSE_WAREHOUSE) at a new path or at a warehouse Pulse built.',
      ),
    );
    await writeFile(join(dir, 'empty.duckdb'), '');
    await expect(checkWarehouseFile(join(dir, 'empty.duckdb'))).rejects.toThrow('is not a DuckDB database');
    await expect(checkWarehouseFile(dir)).rejects.toThrow('is a folder, not a file');
    const db = await Warehouse.open(join(dir, 'wh.duckdb'));
    await db.close();
    await symlink(join(dir, 'wh.duckdb'), join(dir, 'alias.duckdb'));
    await expect(checkWarehouseFile(join(dir, 'alias.duckdb'))).rejects.toThrow(
      `is a symbolic link. Publishing renames a new file over the path, which would replace the link and leave its target as it was: point --warehouse (or PULSE_WAREHOUSE) at the file itself (${join(dir, 'wh.duckdb')}).`,
    );
  });
});

describe('pulse build and pulse refresh with --warehouse naming a file of the user’s', () => {
  let workspace: Awaited<ReturnType<typeof tinyWorkspace>>;
  const project = ['--project', TINY_PROJECT_MODULE];
  beforeEach(async () => {
    workspace = await tinyWorkspace();
  });
  afterEach(() => workspace.cleanup());

  // A build renamed its new warehouse over the path: `--warehouse notes.md` replaced the notes.
  it('exit 2 before any work and leave the file as it was', async () => {
    const notes = join(workspace.root, 'notes.md');
    await writeFile(notes, 'years of work');
    for (const command of ['build', 'refresh']) {
      const run = await runPulse([command, ...project, '--warehouse', notes], workspace.root);
      expect({ code: run.code, stderr: run.stderr }).toEqual({
        code: 2,
        stderr: expect.stringContaining(`The warehouse ${notes} is not a DuckDB database.`),
      });
      expect(await readFile(notes, 'utf8')).toBe('years of work');
    }
    expect(existsSync(join(workspace.root, 'data', 'marts'))).toBe(false);
  });

  // A DuckDB database of the user's passed the guard: the build replaced it, its tables lost.
  it('exit 2 before any work for a DuckDB database of the user’s, its tables kept', async () => {
    const mine = join(workspace.root, 'mine.duckdb');
    const db = await Warehouse.open(mine);
    await db.exec('create table my_precious as select 42 as answer');
    await db.close();
    for (const command of ['build', 'refresh']) {
      const run = await runPulse([command, ...project, '--warehouse', mine], workspace.root);
      expect({ code: run.code, stderr: run.stderr }).toEqual({
        code: 2,
        stderr: expect.stringContaining(
          `The warehouse ${mine} is a DuckDB database that Pulse did not build`,
        ),
      });
      const kept = await Warehouse.open(mine, { readOnly: true });
      expect(await kept.query('select answer from my_precious')).toEqual([{ answer: 42 }]);
      await kept.close();
    }
  });
});
