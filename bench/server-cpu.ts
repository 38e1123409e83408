// The CPU a PostgreSQL server spent, read from /proc: the postmaster's own time, the time of every live
// process under it (backends, parallel workers, checkpointer, autovacuum…) and the time of the children it
// has already reaped (cutime + cstime, the kernel's sum for exited and waited-for children). Taken before
// and after a build, the difference is the server's share of the work however many backends came and
// went: an exited backend's time moves from "live" to "reaped", never out of the sum. A zombie not yet
// reaped is still listed under its parent with its time. Memory: the sum of PSS (shared pages split
// between the processes that map them), so shared_buffers counts once, not once per backend.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

let ticksPerSecond: number | undefined;
const ticks = () =>
  (ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100);

/** The postmaster's pid: the first line of postmaster.pid in the data folder. */
export function postmasterPid(dataDir: string): number {
  return Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
}

/** Fields of /proc/<pid>/stat after the command's closing parenthesis (utime is [11], cutime [13]). */
function statFields(pid: number): string[] {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    const text = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
    if (text) children.push(...text.split(' ').map(Number));
  }
  return children;
}

/** The postmaster and every live process under it. */
function serverPids(postmaster: number): number[] {
  const pids: number[] = [];
  const pending = [postmaster];
  while (pending.length > 0) {
    const pid = pending.pop()!;
    pids.push(pid);
    try {
      pending.push(...childrenOf(pid));
    } catch {
      // Exited between the parent's list and now: its time is in the parent's cutime by the next reading.
    }
  }
  return pids;
}

/** CPU seconds (user + system) the server has used since it started, live and reaped processes alike. */
export function serverCpuSeconds(postmaster: number): number {
  const own = statFields(postmaster);
  let total = Number(own[13]) + Number(own[14]);
  for (const pid of serverPids(postmaster)) {
    try {
      const fields = statFields(pid);
      total += Number(fields[11]) + Number(fields[12]);
    } catch {
      // Gone since listed: counted as reaped at the next reading.
    }
  }
  return total / ticks();
}

/** The sum of the server processes' proportional set size, in MB (NaN where smaps_rollup is missing). */
export function serverPssMb(postmaster: number): number {
  let kb = 0;
  for (const pid of serverPids(postmaster)) {
    try {
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      kb += Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
    } catch {
      // Exited while sampled.
    }
  }
  return kb / 1024;
}
