import { UsageError } from '../config/usage-error.js';

/** PULSE_MEMORY_LIMIT is not a DuckDB size Pulse can build in. */
export class DuckdbMemoryLimitError extends UsageError {
  override readonly name = 'DuckdbMemoryLimitError';
}

/**
 * DuckDB's memory limit when PULSE_MEMORY_LIMIT is unset. The process needs more than DuckDB's buffers
 * (Node, DuckDB's untracked allocations): one L build (100k accounts, 49M events), back to back, peaked at
 * 3.98 GB of RSS with 4GB and 3.68 GB with 3GB, for the same time (139.9 s / 141.0 s).
 */
export const DEFAULT_MEMORY_LIMIT = '3GB';

const UNITS: Readonly<Record<string, number>> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
};
/** Below this DuckDB cannot hold a model's working set, and fails with its own out-of-memory advice. */
const SMALLEST_BYTES = 64 * 2 ** 20;

/**
 * PULSE_MEMORY_LIMIT (a size such as `8GB` or `512MiB`), checked before DuckDB sees it: DuckDB's own
 * error for a bad one ("Failed to set config") reads like a damaged warehouse.
 */
export function memoryLimitFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const text = env.PULSE_MEMORY_LIMIT?.trim();
  if (!text) return DEFAULT_MEMORY_LIMIT;
  const size = /^(\d+(?:\.\d+)?)\s*([a-z]+)$/i.exec(text);
  const bytes = size ? Number(size[1]) * (UNITS[size[2]!.toLowerCase()] ?? Number.NaN) : Number.NaN;
  if (!(bytes >= SMALLEST_BYTES)) {
    throw new DuckdbMemoryLimitError(
      `PULSE_MEMORY_LIMIT is "${text}": set it to a size of at least 64MB with its unit, such as 8GB or 512MiB (DuckDB's memory limit), or unset it for ${DEFAULT_MEMORY_LIMIT}.`,
    );
  }
  return text;
}
