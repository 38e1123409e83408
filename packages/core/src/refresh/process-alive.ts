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
