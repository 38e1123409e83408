import { readFileSync } from 'node:fs';

/**
 * Whether a process of this host is alive. `kill(pid, 0)` sends no signal: ESRCH means no such process,
 * EPERM means it exists but belongs to another user (alive).
 */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/**
 * When the process started, in clock ticks since boot (field 22 of /proc/<pid>/stat), or undefined where
 * /proc is not available. A pid is reused once its process is gone: a lock holder's pid alive under a
 * different start time is another process, and the lock is stale.
 */
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may itself hold spaces or parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19];
  } catch {
    return undefined;
  }
}
