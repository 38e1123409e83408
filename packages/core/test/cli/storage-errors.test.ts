import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StorageError, storageErrorOf } from '../../src/storage-error.js';
import { folderDigest, runPulse, sha256File } from '../refresh/spawn-pulse.js';
import { tempDir } from '../support/temp-warehouse.js';
import { TINY_PROJECT_MODULE, tinyWorkspace } from '../support/tiny-project.js';

const errno = (code: string, path: string) =>
  Object.assign(new Error(`${code}: something, open '${path}'`), { code, path, syscall: 'open' });

describe('out of space, permission and read-only errors are the user’s to fix, not bugs', () => {
  it('classifies Node errno errors and DuckDB’s messages, naming the path and what to do', () => {
    const space = storageErrorOf(errno('ENOSPC', '/tmp/x/w.duckdb.building-1'));
    expect(space).toBeInstanceOf(StorageError);
    expect(space!.message).toContain('/tmp/x/w.duckdb.building-1');
    expect(space!.message).toMatch(/free .* MB|--warehouse/);
    const denied = storageErrorOf(errno('EACCES', '/srv/data/accounts.csv'))!.message;
    expect(denied).toContain('Permission denied on /srv/data/accounts.csv');
    // A refused read (an unreadable export) must not be reported as a write.
    expect(denied).not.toContain('writing');
    expect(storageErrorOf(errno('EROFS', '/mnt/ro/w.duckdb'))!.message).toContain('read-only');
    const duck = new Error(
      'FATAL Error: Failed to create checkpoint because of error: Could not write file "/tmp/x/w.duckdb.building-7": No space left on device',
    );
    expect(storageErrorOf(duck)!.path).toBe('/tmp/x/w.duckdb.building-7');
    const cascade = new Error(
      'FATAL Error: database has been invalidated because of a previous fatal error. The database must be restarted prior to being used again.\nOriginal error: "Could not write file "/tmp/x/w.duckdb.building-7": No space left on device"',
    );
    expect(storageErrorOf(cascade)!.reason).toBe('no-space');
    expect(storageErrorOf(new Error('Binder Error: column x not found'))).toBeUndefined();
    expect(storageErrorOf(errno('ENOENT', '/nope'))).toBeUndefined();
  });

  it('writes its advice for the command that failed: one that publishes nothing does not say so, and names its own path options', () => {
    const denied = storageErrorOf(errno('EACCES', '/srv/w-target/run_results.json.partial-7'))!;
    // A build or refresh (the default: errors thrown inside a run): nothing was published, every path option.
    expect(denied.message).toContain('Nothing was published');
    expect(denied.message).toContain('point --data, --warehouse, --marts or --artifacts at folders');
    const test = denied.for({
      publishes: false,
      pathFlags: ['--data', '--warehouse', '--marts', '--artifacts'],
    });
    expect(test).toBeInstanceOf(StorageError);
    expect(test.message).toContain('Permission denied on /srv/w-target/run_results.json.partial-7.');
    expect(test.message).not.toContain('published');
    expect(test.message).toContain('--artifacts');
    const roTest = storageErrorOf(errno('EROFS', '/mnt/ro/w-target/x'))!.for({
      publishes: false,
      pathFlags: ['--data', '--warehouse', '--artifacts'],
    });
    expect(roTest.message).toContain('point --warehouse or --artifacts at another disk');
    expect(roTest.message).not.toContain('published');
    const readOnlyCommand = denied.for({ publishes: false, pathFlags: [] });
    expect(readOnlyCommand.message).toMatch(/Give this user read and write permission there\.$/);
  });
});

/** A real full and a real read-only file system: a small tmpfs, mounted only where we may (root). */
const canMount = (() => {
  if (process.getuid?.() !== 0) return false;
  // Root in a container may still lack the right to mount: try it once rather than guess.
  const probe = mkdtempSync(join(tmpdir(), 'pulse-mount-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
})();

describe.runIf(canMount)('on a real full or read-only disk (tmpfs)', () => {
  let workspace: Awaited<ReturnType<typeof tinyWorkspace>>;
  let disk: string;
  const build = () => ['build', '--project', TINY_PROJECT_MODULE, '--warehouse', join(disk, 'w.duckdb')];
  beforeEach(async () => {
    workspace = await tinyWorkspace();
    disk = join(workspace.root, 'disk');
    await mkdir(disk);
    // Room for one tiny warehouse (2.6 MB) but not for the staged copy of a second build.
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', disk]);
  });
  afterEach(async () => {
    execFileSync('umount', [disk]);
    await workspace.cleanup();
  });

  it('a full disk: exit 1, the path and the free space named, the old warehouse and marts intact', async () => {
    expect((await runPulse(build(), workspace.root)).code).toBe(0);
    const before = {
      warehouse: await sha256File(join(disk, 'w.duckdb')),
      marts: await folderDigest(join(disk, 'w-marts')),
    };
    const full = await runPulse(build(), workspace.root);
    expect(full.code).toBe(1);
    expect(full.stderr).not.toContain('a bug');
    expect(full.stderr).not.toContain('invalidated');
    expect(full.stderr).toContain(join(disk, 'w.duckdb.building-'));
    expect(full.stderr).toMatch(/MB free/);
    expect(full.stderr).toContain('--warehouse');
    // The room asked for is more than was free (it asked for one copy of the warehouse, less than the
    // free space the run had just run out of), and the advice is what to add.
    const free = Number(/: ([\d.]+) MB free\)/.exec(full.stderr)?.[1]);
    const needed = Number(/needs about ([\d.]+) MB/.exec(full.stderr)?.[1]);
    const more = Number(/Free at least ([\d.]+) MB more/.exec(full.stderr)?.[1]);
    expect(needed, full.stderr).toBeGreaterThan(free);
    expect(more).toBeCloseTo(needed - free, 0);
    expect({
      warehouse: await sha256File(join(disk, 'w.duckdb')),
      marts: await folderDigest(join(disk, 'w-marts')),
    }).toEqual(before);
  });

  // A disk with no byte left: the lock's own small file was the first write refused. The message named no
  // path ("No space left on device.") and each refused run left its `w.duckdb.lock.<pid>.new` behind.
  it('a disk with no byte left: the refused write is named, and no file of the run is left behind', async () => {
    expect((await runPulse(build(), workspace.root)).code).toBe(0);
    const before = await readdir(disk);
    execFileSync('sh', ['-c', `dd if=/dev/zero of=${join(disk, 'filler')} bs=4k 2>/dev/null; true`]);
    const full = await runPulse(build(), workspace.root);
    expect(full.code).toBe(1);
    expect(full.stderr).not.toContain('a bug');
    expect(full.stderr).toMatch(new RegExp(`No space left on device writing ${join(disk, 'w.duckdb')}`));
    expect((await readdir(disk)).filter((name) => name !== 'filler').sort()).toEqual(before.sort());
  });

  it('a read-only file system: exit 1 with what to do', async () => {
    execFileSync('mount', ['-o', 'remount,ro', disk]);
    const ro = await runPulse(build(), workspace.root);
    expect(ro.code).toBe(1);
    expect(ro.stderr).toContain('read-only');
    expect(ro.stderr).toContain('--warehouse');
  });

  // Node's recursive mkdir reports a folder it may not create on a read-only disk as ENOENT: the CLI printed
  // "ENOENT: no such file or directory, mkdir …", with no advice.
  it('a new folder on a read-only file system: read-only, named, with what to do (not ENOENT)', async () => {
    execFileSync('mount', ['-o', 'remount,ro', disk]);
    const warehouse = join(disk, 'nightly', 'w.duckdb');
    const ro = await runPulse(
      ['build', '--project', TINY_PROJECT_MODULE, '--warehouse', warehouse],
      workspace.root,
    );
    expect({ code: ro.code, stderr: ro.stderr }).toEqual({
      code: 1,
      stderr: expect.stringContaining(`The file system is read-only writing ${join(disk, 'nightly')}.`),
    });
    expect(ro.stderr).toContain('point --warehouse (and --marts) at another disk');
    expect(ro.stderr).not.toContain('ENOENT');
  });

  // A read-only --artifacts or --marts folder was advised as "point --warehouse (and --marts) at another
  // disk", and a new --marts folder there gave ENOENT.
  it.each(['--artifacts', '--marts'])('a read-only %s folder: the advice names that option', async (flag) => {
    execFileSync('mount', ['-o', 'remount,ro', disk]);
    const warehouse = join(workspace.root, 'w.duckdb');
    const ro = await runPulse(
      ['build', '--project', TINY_PROJECT_MODULE, '--warehouse', warehouse, flag, join(disk, 'out')],
      workspace.root,
    );
    expect(ro.code).toBe(1);
    expect(ro.stderr).toMatch(new RegExp(`The file system is read-only writing ${join(disk, 'out')}`));
    expect(ro.stderr).toContain(`Remount it read-write or point ${flag} at another disk.`);
    expect(ro.stderr).not.toContain('ENOENT');
  });

  it('pulse test on a read-only file system: names --artifacts and claims no publish (it publishes nothing)', async () => {
    expect((await runPulse(build(), workspace.root)).code).toBe(0);
    execFileSync('mount', ['-o', 'remount,ro', disk]);
    const tested = await runPulse(
      ['test', '--project', TINY_PROJECT_MODULE, '--warehouse', join(disk, 'w.duckdb')],
      workspace.root,
    );
    expect(tested.code).toBe(1);
    expect(tested.stderr).toContain(`The file system is read-only writing ${join(disk, 'w-target')}`);
    expect(tested.stderr).toContain('--artifacts at another disk');
    expect(tested.stderr).not.toContain('published');
  });
});

describe.runIf(process.getuid?.() !== 0)('without permission (not as root: root may write anywhere)', () => {
  it('a warehouse folder we may not write: exit 1 with what to do', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      await mkdir(join(dir, 'locked'), { mode: 0o555 });
      const denied = await runPulse(
        ['build', '--project', TINY_PROJECT_MODULE, '--warehouse', join(dir, 'locked', 'w.duckdb')],
        dir,
      );
      expect(denied.code).toBe(1);
      expect(denied.stderr).toContain('permission');
    } finally {
      await cleanup();
    }
  });
});
