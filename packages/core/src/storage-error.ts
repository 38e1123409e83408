import { accessSync, constants, existsSync, statfsSync, statSync } from 'node:fs';
import { dirname, sep } from 'node:path';
import { PulseError } from './errors.js';

export type StorageReason = 'no-space' | 'permission' | 'read-only';

/** What the failed command does, for the advice: whether it publishes, and its options that take a path. */
export interface StorageContext {
  /** build, refresh, schedule: staged files are discarded before the commit point, so nothing changed. */
  readonly publishes: boolean;
  /** The command's path options, in the order of its help (`--data`, `--warehouse`, `--artifacts`…). */
  readonly pathFlags: readonly string[];
  /**
   * Where each of those options pointed in this run (`--artifacts` → its folder), when known: the advice
   * then names the option whose path was refused (a read-only `--artifacts` is not fixed by moving the
   * warehouse).
   */
  readonly paths?: Readonly<Partial<Record<string, string>>>;
}

/** A build's or refresh's context: what the errors thrown inside a run (runner, materialisation) say. */
const PUBLISHING: StorageContext = {
  publishes: true,
  pathFlags: ['--data', '--warehouse', '--marts', '--artifacts'],
};

/**
 * The machine, not Pulse, refused a write: the disk is full, the user may not write there, or the file
 * system is read-only. The user fixes it (free space, fix permissions, point the paths elsewhere); the
 * CLI exits 1 with this message, never "a bug". Staged files are discarded, so what was published stays.
 */
export class StorageError extends PulseError {
  override readonly name = 'StorageError';
  readonly reason: StorageReason;
  readonly path: string | undefined;

  constructor(
    reason: StorageReason,
    path: string | undefined,
    options?: { cause?: unknown; context?: StorageContext },
  ) {
    super(messageOf(reason, path, options?.context ?? PUBLISHING), options);
    this.reason = reason;
    this.path = path;
  }

  /** The same error, its advice written for the command that failed (`pulse test` publishes nothing). */
  for(context: StorageContext): StorageError {
    return new StorageError(this.reason, this.path, { cause: this.cause, context });
  }
}

const CODES: Record<string, StorageReason> = {
  ENOSPC: 'no-space',
  EDQUOT: 'no-space',
  EACCES: 'permission',
  EPERM: 'permission',
  EROFS: 'read-only',
};

/** DuckDB reports the OS error as text only (and repeats it in every "database has been invalidated"). */
const DUCKDB_TEXTS: readonly [RegExp, StorageReason][] = [
  [/No space left on device|Disk quota exceeded/i, 'no-space'],
  [/Read-only file system/i, 'read-only'],
  [/Permission denied/i, 'permission'],
];

/** The StorageError an error (or its cause) stands for, or undefined when it is something else. */
export function storageErrorOf(error: unknown): StorageError | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    if (current instanceof StorageError) return current;
    const { code, path, syscall } = current as NodeJS.ErrnoException;
    const byCode = code === undefined ? undefined : (CODES[code] ?? refusedMkdirOf(code, syscall, path));
    if (byCode) return new StorageError(byCode, path, { cause: current });
    const { message } = current;
    const byText = DUCKDB_TEXTS.find(([pattern]) => pattern.test(message))?.[1];
    if (byText) return new StorageError(byText, pathIn(message), { cause: current });
    current = current.cause;
  }
  return undefined;
}

/**
 * Node's recursive mkdir reports a folder it could not create on a read-only file system (or in a folder
 * the user may not write) as ENOENT, "no such file or directory", for the folder it was asked to make.
 * The nearest folder that exists says why: it is read-only, or not ours to write. A genuine ENOENT (the
 * folder removed meanwhile) finds that folder writable and stays what it was.
 */
function refusedMkdirOf(
  code: string,
  syscall: string | undefined,
  path: string | undefined,
): StorageReason | undefined {
  if (code !== 'ENOENT' || syscall !== 'mkdir' || path === undefined) return undefined;
  let folder = dirname(path);
  while (!existsSync(folder) && dirname(folder) !== folder) folder = dirname(folder);
  try {
    accessSync(folder, constants.W_OK);
    return undefined;
  } catch (error) {
    const refused = (error as NodeJS.ErrnoException).code;
    return refused === undefined ? undefined : CODES[refused];
  }
}

/** DuckDB quotes the file: `Could not write file "/x/w.duckdb.building-7": No space left on device`. */
function pathIn(message: string): string | undefined {
  return /(?:file|directory) "([^"]+)"/.exec(message)?.[1] ?? /'(\/[^']+)'/.exec(message)?.[1];
}

function messageOf(reason: StorageReason, path: string | undefined, context: StorageContext): string {
  const where = path ? ` writing ${path}` : '';
  const unchanged = context.publishes
    ? ' Nothing was published: the previous warehouse and marts are unchanged.'
    : '';
  const flags = context.pathFlags;
  const refusedFlag = path === undefined ? undefined : flagOfPath(path, context);
  const disks =
    refusedFlag !== undefined && refusedFlag !== '--warehouse'
      ? refusedFlag
      : context.publishes
        ? '--warehouse (and --marts)'
        : listOf(flags.filter((flag) => flag !== '--data'));
  const elsewhere = disks ? `point ${disks} at another disk` : 'use another disk';
  // EACCES comes from reads too (an unreadable export), so this one does not say "writing".
  if (reason === 'permission')
    return (
      `Permission denied${path ? ` on ${path}` : ''}.${unchanged} Give this user read and write ` +
      `permission there${flags.length > 0 ? `, or point ${listOf(flags)} at folders it may use` : ''}.`
    );
  if (reason === 'read-only')
    return `The file system is read-only${where}.${unchanged} Remount it read-write or ${elsewhere}.`;
  const room = path ? roomOf(path) : undefined;
  const advice =
    room?.needed === undefined
      ? `Free space there or ${elsewhere}.`
      : `A run here needs about ${mb(room.needed)} MB beside the published warehouse (twice its size, ` +
        `for the staged copy and the work in it). ${
          room.needed > room.free ? `Free at least ${mb(room.needed - room.free)} MB more` : 'Free space'
        } there or ${elsewhere}.`;
  return `No space left on device${where}${room ? ` (${room.mount}: ${mb(room.free)} MB free)` : ''}.${unchanged} ${advice}`;
}

/**
 * The option whose path a refused write was in: the folder itself, a file in it, or a file staged beside
 * it (`<marts>.building-<pid>`, `<warehouse>.lock.<pid>.new`). Artifacts and marts first: by default they
 * sit in the warehouse's folder, which is the warehouse's own place.
 */
function flagOfPath(path: string, context: StorageContext): string | undefined {
  const within = (option: string | undefined) =>
    option !== undefined &&
    (path === option || path.startsWith(`${option}${sep}`) || path.startsWith(`${option}.`));
  for (const flag of ['--artifacts', '--marts', '--out', '--data'])
    if (context.pathFlags.includes(flag) && within(context.paths?.[flag])) return flag;
  const warehouse = context.paths?.['--warehouse'];
  if (warehouse !== undefined && (within(warehouse) || dirname(path) === dirname(warehouse)))
    return '--warehouse';
  return undefined;
}

/** `--a`, `--a or --b`, `--a, --b or --c`. */
function listOf(flags: readonly string[]): string {
  return flags.length <= 1 ? (flags[0] ?? '') : `${flags.slice(0, -1).join(', ')} or ${flags.at(-1)}`;
}

/**
 * Free space of the path's file system and, for a staged warehouse (`<file>.building-<pid>`), the room a
 * run needs beside the published file: its staged copy, and as much again for what the run writes into
 * it before its checkpoint (its WAL, rebuilt tables beside the old ones). A fault review measured a
 * refresh of a 15 MB warehouse peaking at 26.5 MB beside it. The free space counts the staged copy the
 * failed run leaves to be removed, so the advice is what to add.
 */
function roomOf(path: string): { mount: string; free: number; needed: number | undefined } | undefined {
  try {
    const folder = dirname(path);
    const { bavail, bsize } = statfsSync(folder);
    const published = /^(.*)\.building-\d+$/.exec(path)?.[1];
    let needed: number | undefined;
    let staged = 0;
    if (published) {
      needed = sizeOf(published);
      if (needed !== undefined) needed *= 2;
      staged = (sizeOf(path) ?? 0) + (sizeOf(`${path}.wal`) ?? 0);
    }
    return { mount: folder, free: bavail * bsize + staged, needed };
  } catch {
    return undefined;
  }
}

function sizeOf(path: string): number | undefined {
  try {
    return statSync(path).size;
  } catch {
    return undefined;
  }
}

function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}
