// Runs one command as a child process and measures wall time and peak RSS. Peak RSS comes from
// GNU time (`/usr/bin/time -v`, ru_maxrss of the child); without it, /proc/<pid>/status VmHWM is polled.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { treeCpuSeconds } from './process-cpu.js';

export interface Measured {
  readonly exitCode: number;
  readonly seconds: number;
  readonly peakRssMb: number;
  /** User + system CPU seconds of the child (GNU time; NaN without it): less moved by others' load than wall time. */
  readonly cpuSeconds: number;
  readonly stdout: string;
  readonly stderr: string;
  /**
   * Stdout lines with the seconds since start at which they arrived (per-source ingest timing) and the
   * CPU seconds the child had used by then (process-cpu.ts; NaN without /proc).
   */
  readonly lines: readonly { readonly t: number; readonly cpu: number; readonly text: string }[];
}

export interface MeasureOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
}

const GNU_TIME = '/usr/bin/time';

export function measure(command: readonly string[], options: MeasureOptions = {}): Promise<Measured> {
  // Every file written before is on disk before the clock starts, so no command pays for the writeback
  // of the one before it: after an L build (GBs of warehouse, copies and marts) a DuckDB checkpoint's
  // fsync waited behind it (a one-day refresh at L 28-29 s at rest, 32 s right after its warehouse was
  // copied, 41 s in a bench run; the same-work build at M 2.5 s against 3.6-3.9 s).
  try {
    execFileSync('sync');
  } catch {
    // No `sync` here: measured as the disk is.
  }
  const useTime = existsSync(GNU_TIME);
  const argv = useTime ? [GNU_TIME, '-v', ...command] : [...command];
  const start = performance.now();
  const child = spawn(argv[0]!, argv.slice(1), {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: { t: number; cpu: number; text: string }[] = [];
  let stdout = '';
  let stderr = '';
  let partial = '';
  child.stdout.on('data', (chunk: Buffer) => {
    const t = (performance.now() - start) / 1000;
    const cpu = treeCpuSeconds(child.pid);
    stdout += chunk;
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    for (const text of parts) lines.push({ t, cpu, text });
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk;
  });
  let polledKb = 0;
  const poll = useTime
    ? undefined
    : setInterval(() => (polledKb = Math.max(polledKb, vmHwmKb(child.pid))), 50);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      if (poll) clearInterval(poll);
      const seconds = (performance.now() - start) / 1000;
      const kb = useTime
        ? Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1] ?? 0)
        : polledKb;
      const cpu = (label: string) =>
        Number(new RegExp(`${label} time \\(seconds\\): ([\\d.]+)`).exec(stderr)?.[1]);
      const cpuSeconds = useTime ? cpu('User') + cpu('System') : Number.NaN;
      resolve({ exitCode: code ?? 1, seconds, peakRssMb: kb / 1024, cpuSeconds, stdout, stderr, lines });
    });
  });
}

function vmHwmKb(pid: number | undefined): number {
  try {
    return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** GNU time reports an OOM-killed or signalled child in its own stderr lines. */
export const wasKilled = (m: Measured) => /Command terminated by signal|heap out of memory/i.test(m.stderr);
