import { readFileSync, rmSync } from 'node:fs';
import { link, mkdir, open, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { z } from 'zod';
import { type LockHolder, UnreadableLockError, WarehouseLockedError } from './lock-errors.js';
import { isProcessAlive, processStartTime } from './process-alive.js';

/** A takeover that has not finished within this time was abandoned by a crashed process. */
const ABANDONED_TAKEOVER_MS = 10_000;

export function lockFileOf(warehouse: string): string {
  return `${warehouse}.lock`;
}

/** A held `<warehouse>.lock`; `release()` removes it only while it is still ours. */
export interface WarehouseLock {
  readonly file: string;
  readonly holder: LockHolder;
  release(): Promise<void>;
}

/**
 * Takes `<warehouse>.lock` or throws WarehouseLockedError naming the holder. The lock is created
 * atomically and never seen half-written: its JSON is written to a private file first, then hard-linked
 * to the lock name, which like O_EXCL fails when the name exists. A lock whose holder is a dead process of
 * this host (pid gone, or alive with another start time: reused) is taken over (see takeOver); a lock from
 * another host is never guessed to be stale.
 */
export async function acquireWarehouseLock(warehouse: string, command: string): Promise<WarehouseLock> {
  const file = lockFileOf(warehouse);
  await mkdir(dirname(file), { recursive: true });
  const holder: LockHolder = {
    pid: process.pid,
    host: hostname(),
    started_at: new Date().toISOString(),
    command,
    process_start: processStartTime(process.pid),
  };
  const mine = `${file}.${process.pid}.new`;
  try {
    // Inside the try: a write refused half-way (a full disk) leaves no private file behind. Node's error
    // for a refused write names no file (it writes to a descriptor): the path is added for the message.
    await writeFile(mine, `${JSON.stringify(holder)}\n`).catch((error: NodeJS.ErrnoException) => {
      throw error?.code && !error.path ? Object.assign(error, { path: mine }) : error;
    });
    if (!(await createExclusively(mine, file))) {
      const current = await readHolderOrRefuse(file);
      if (current === undefined || !isStale(current)) throw new WarehouseLockedError(file, current);
      await takeOver(file, mine, holder);
    }
  } finally {
    await unlink(mine).catch(() => {});
  }
  return { file, holder, release: () => releaseIfMine(file, holder) };
}

const lockHolderSchema = z.object({
  pid: z.number().int().positive(),
  host: z.string(),
  started_at: z.string(),
  command: z.string(),
  process_start: z.string().optional(),
}) satisfies z.ZodType<LockHolder>;

/** Reads the lock's holder; undefined when there is no lock (or it is unreadable). */
export async function readHolder(file: string): Promise<LockHolder | undefined> {
  return readHolderOrRefuse(file).catch(() => undefined);
}

/**
 * The lock's holder; undefined when there is no lock (its holder just released it). Throws
 * UnreadableLockError when the file holds anything else than a holder.
 */
async function readHolderOrRefuse(file: string): Promise<LockHolder | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UnreadableLockError(file);
  }
  const holder = lockHolderSchema.safeParse(value);
  if (!holder.success) throw new UnreadableLockError(file);
  return holder.data;
}

/** The holder ran on this host and its process is gone (its pid dead, or reused by another process). */
export function isStale(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return false;
  if (!isProcessAlive(holder.pid)) return true;
  const started = processStartTime(holder.pid);
  return holder.process_start !== undefined && started !== undefined && started !== holder.process_start;
}

async function createExclusively(source: string, target: string): Promise<boolean> {
  try {
    await link(source, target);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * Replaces a dead holder's lock. Two processes may find the same stale lock at once, so takeovers are
 * serialised by `<lock>.takeover` (O_EXCL); inside it the lock is re-read and re-checked before it is
 * atomically replaced by a rename, so a live holder that got there first is never overwritten.
 */
async function takeOver(file: string, mine: string, holder: LockHolder): Promise<void> {
  const mutex = `${file}.takeover`;
  await clearAbandonedTakeover(mutex);
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(mutex, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    throw new WarehouseLockedError(
      file,
      await readHolder(file),
      'another process is taking over its stale lock',
    );
  }
  try {
    await handle.close();
    const current = await readHolderOrRefuse(file);
    if (current === undefined) {
      if (await createExclusively(mine, file)) return;
      throw new WarehouseLockedError(file, await readHolder(file));
    }
    if (!isStale(current)) throw new WarehouseLockedError(file, current);
    await rename(mine, file);
    const now = await readHolder(file);
    if (now?.pid !== holder.pid || now.started_at !== holder.started_at)
      throw new WarehouseLockedError(file, now);
  } finally {
    await unlink(mutex).catch(() => {});
  }
}

async function clearAbandonedTakeover(mutex: string): Promise<void> {
  try {
    const { mtimeMs } = await stat(mutex);
    if (Date.now() - mtimeMs > ABANDONED_TAKEOVER_MS) await unlink(mutex);
  } catch {
    // No takeover in progress.
  }
}

async function releaseIfMine(file: string, holder: LockHolder): Promise<void> {
  const current = await readHolder(file);
  if (current?.pid === holder.pid && current.started_at === holder.started_at) {
    await unlink(file).catch(() => {});
  }
}

/**
 * For a signal handler, which must finish before any other callback runs: removes the warehouse's lock
 * (and the file a lock is written from) when this process holds it, never another's.
 */
export function releaseOwnLockSync(warehouse: string): void {
  const file = lockFileOf(warehouse);
  rmSync(`${file}.${process.pid}.new`, { force: true });
  let holder: Partial<LockHolder> | undefined;
  try {
    holder = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockHolder>;
  } catch {
    return;
  }
  if (holder?.pid === process.pid && holder.host === hostname()) rmSync(file, { force: true });
}
