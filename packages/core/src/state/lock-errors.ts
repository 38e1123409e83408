import { PulseError } from '../errors.js';

/** Who holds a warehouse lock, as written in `<warehouse>.lock`. */
export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  /** ISO 8601. */
  readonly started_at: string;
  readonly command: string;
  /** The holder process's start time as the OS records it (Linux), to tell a reused pid from the holder. */
  readonly process_start?: string;
}

/**
 * Another live pulse process is refreshing or building this warehouse. The CLI exits 75 (EX_TEMPFAIL):
 * a scheduler should simply try again later.
 */
export class WarehouseLockedError extends PulseError {
  override readonly name = 'WarehouseLockedError';
  readonly holder: LockHolder | undefined;
  readonly lockFile: string;

  constructor(lockFile: string, holder: LockHolder | undefined, detail?: string) {
    const who = holder
      ? `pulse ${holder.command} (pid ${holder.pid} on host ${holder.host}, started ${holder.started_at})`
      : 'another pulse process';
    super(
      `The warehouse is locked by ${who}${detail ? `: ${detail}` : ''}. Wait for it to finish and try again; ` +
        `if you are sure that process is gone, delete ${lockFile}.`,
    );
    this.holder = holder;
    this.lockFile = lockFile;
  }
}

/**
 * A publish journal names a live process as its writer: it is still publishing (a lock deleted by hand,
 * or taken from another host). Nothing is touched; the CLI exits 75 like for a held lock.
 */
export class PublishInProgressError extends WarehouseLockedError {
  constructor(journal: string, pid: number) {
    super(journal, undefined, `pid ${pid} is still publishing (journal ${journal})`);
  }
}

/**
 * `<warehouse>.lock` holds something Pulse never writes there (Pulse writes a lock whole, by a hard link
 * or a rename, so it is never seen half-written): no process can be named as its holder, and waiting for
 * one does not help. The CLI exits 1.
 */
export class UnreadableLockError extends PulseError {
  override readonly name = 'UnreadableLockError';
  readonly lockFile: string;

  constructor(lockFile: string) {
    super(
      `The warehouse lock file ${lockFile} cannot be read: it does not hold the process, host and start ` +
        'time Pulse writes there. If no pulse process is running on this warehouse, remove the file and run again.',
    );
    this.lockFile = lockFile;
  }
}

/**
 * A run failed after its commit point: its warehouse (and marts) may already be in place, and the journal
 * finishes the publish at the start of the next run. Not "nothing was published": the CLI says what holds.
 */
export class PublishUnfinishedError extends PulseError {
  override readonly name = 'PublishUnfinishedError';

  constructor(warehouse: string, cause: unknown) {
    super(
      `The publish of ${warehouse} did not finish: ${(cause as Error)?.message ?? String(cause)}. ` +
        'The new warehouse and marts may already be in place; the next build or refresh finishes the ' +
        `publish from its journal (${warehouse}.publishing). Fix the cause, then run it.`,
      { cause },
    );
  }
}

/**
 * `<warehouse>.publishing` holds something Pulse never writes there (it writes the journal whole, by a
 * rename): which publish it was about cannot be known. The CLI exits 1.
 */
export class UnreadableJournalError extends PulseError {
  override readonly name = 'UnreadableJournalError';

  constructor(journal: string) {
    super(
      `The publish journal ${journal} cannot be read: it does not hold what Pulse writes there. If no pulse ` +
        'process is running on this warehouse, remove the file and run `pulse build`: a full build publishes ' +
        'a warehouse and marts that agree.',
    );
  }
}
