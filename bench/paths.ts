// Where the benchmark reads and writes. Everything bulky lives in bench/.cache (git-ignored).
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(BENCH_DIR, '..');
export const CACHE_DIR = join(BENCH_DIR, '.cache');
export const RESULTS_DIR = join(BENCH_DIR, 'results');
export const PULSE_BIN = join(REPO_ROOT, 'node_modules', '@pulse', 'core', 'bin', 'pulse.js');
/** A run's scratch root: outputs of one measured command, wiped before each run. */
export const runDir = (scale: string, name: string) => join(CACHE_DIR, 'runs', scale, name);
