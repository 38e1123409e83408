import { constants, existsSync } from 'node:fs';
import { copyFile, type FileHandle, mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';

/** The staged copy of `published` that process `pid` builds. */
export function stagedWarehouseOf(published: string, pid = process.pid): string {
  return `${published}.building-${pid}`;
}

/**
 * A build writes a new DuckDB file beside the published one and only renames it over the published file
 * once it can be trusted, so readers never see half a build and a failed ingestion leaves the published
 * warehouse byte-for-byte untouched.
 */
export class StagedWarehouse {
  readonly published: string;
  readonly path: string;
  /** The copy's pages being written to disk while the build runs (see `writeCopyBack`). */
  private writeBack: Promise<FileHandle | undefined> = Promise.resolve(undefined);

  private constructor(published: string) {
    this.published = published;
    this.path = stagedWarehouseOf(published);
  }

  /**
   * `fromPublished`: start from a copy of the published file (a `--select` build needs the models it
   * does not rebuild); otherwise start empty, so models removed from the project leave no relation.
   */
  static async create(published: string, options: { fromPublished: boolean }): Promise<StagedWarehouse> {
    const staged = new StagedWarehouse(published);
    await mkdir(dirname(published), { recursive: true });
    await staged.discard();
    if (options.fromPublished && existsSync(published)) {
      // A reflink where the file system has them (btrfs, XFS, APFS): no bytes copied; else a plain copy.
      await copyFile(published, staged.path, constants.COPYFILE_FICLONE);
      if (existsSync(`${published}.wal`))
        await copyFile(`${published}.wal`, `${staged.path}.wal`, constants.COPYFILE_FICLONE);
      staged.writeBack = writeCopyBack(staged.path);
    }
    return staged;
  }

  /**
   * Call after the staged warehouse is checkpointed and closed. The published file's `.wal` belongs to
   * the old file: left behind, DuckDB would replay it onto the new one.
   */
  async publish(): Promise<void> {
    await this.closeWriteBack();
    await rm(`${this.published}.wal`, { force: true });
    await rename(this.path, this.published);
    if (existsSync(`${this.path}.wal`)) await rename(`${this.path}.wal`, `${this.published}.wal`);
  }

  async discard(): Promise<void> {
    await this.closeWriteBack();
    await rm(this.path, { force: true });
    await rm(`${this.path}.wal`, { force: true });
  }

  /**
   * Waits for the write-back and closes its handle: only once DuckDB is done with the file (see below).
   * `publish` and `discard` call it; so does the journal's publish (staged-publish.ts), which moves the
   * files itself.
   */
  async closeWriteBack(): Promise<void> {
    const handle = await this.writeBack;
    this.writeBack = Promise.resolve(undefined);
    await handle?.close().catch(() => {});
  }
}

/**
 * A copied file's pages sit dirty in the page cache until the kernel writes them back, by default 30 s
 * later: the checkpoint's fsync at the end of a refresh then waited for the whole copy (at L 2 GB, 1.3 s
 * here). Flushed now, the write overlaps ingestion and the models instead. The handle stays open until the
 * staged warehouse is closed: DuckDB locks the file with fcntl, and closing any descriptor of a file
 * drops its process's fcntl locks. A failed flush only leaves the work to the checkpoint.
 */
async function writeCopyBack(path: string): Promise<FileHandle | undefined> {
  const handle = await open(path, 'r').catch(() => undefined);
  await handle?.datasync().catch(() => {});
  return handle;
}
