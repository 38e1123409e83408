// What `npm run bench:engines -- --scale X` measured, saved as bench/results/engines.json (one entry per
// scale, the latest run of each) so BENCHMARKS.md can show PostgreSQL against DuckDB on the same data.
import { z } from 'zod';

const machineSchema = z.object({
  cpus: z.number(),
  cpuModel: z.string(),
  memoryGb: z.number(),
  node: z.string(),
  duckdb: z.string(),
  loadAverage: z.number(),
});

/** One `pulse build` as a child process under `/usr/bin/time -v`. */
const buildSchema = z.object({
  exitCode: z.number(),
  seconds: z.number(),
  /** User + system CPU of the CLI process (and its threads), from GNU time. */
  cliCpuSeconds: z.number(),
  peakRssMb: z.number(),
  /** Seconds from the run's start to its first model, then to its end (run_results.json). */
  ingestSeconds: z.number().nullable(),
  modelsSeconds: z.number().nullable(),
  /** The 1-minute load average when the build started. */
  loadAverage: z.number(),
  /** The last lines of a failed build's output. */
  error: z.string().optional(),
});

const postgresBuildSchema = buildSchema.extend({
  /** User + system CPU of every server process (see bench/server-cpu.ts) during the build. */
  serverCpuSeconds: z.number(),
  /** The largest sum of the server processes' PSS seen, sampled every 2 s. */
  serverPeakPssMb: z.number(),
  /** From the "Copying raw and quarantine" line to the first model's line: the COPY into the server. */
  copySeconds: z.number().nullable().optional(),
});

export const enginesEntrySchema = z.object({
  scale: z.string(),
  measuredAt: z.string(),
  revision: z.string(),
  uncommittedFiles: z.array(z.string()),
  machine: machineSchema,
  commands: z.record(z.string(), z.string()),
  dataset: z.object({ accounts: z.number(), events: z.number(), mb: z.number() }),
  postgres: z.object({
    version: z.string(),
    /** Every server setting the bench passes to `postgres -c`, durability ones included. */
    settings: z.record(z.string(), z.string()),
    /** Why these settings. */
    note: z.string(),
  }),
  duckdb: buildSchema,
  postgresBuild: postgresBuildSchema,
  marts: z.object({
    equal: z.boolean(),
    files: z.number(),
    rows: z.number(),
    /** The first differences found (empty when equal). */
    differences: z.array(z.string()),
  }),
});

export const enginesResultSchema = z.object({ entries: z.record(z.string(), enginesEntrySchema) });

export type EnginesBuild = z.infer<typeof buildSchema>;
export type PostgresBuild = z.infer<typeof postgresBuildSchema>;
export type EnginesEntry = z.infer<typeof enginesEntrySchema>;
export type EnginesResult = z.infer<typeof enginesResultSchema>;

/** The saved json, checked: a hand-edited or older file fails here with the field at fault. */
export function parseEnginesResult(text: string, file = 'bench/results/engines.json'): EnginesResult {
  const parsed = enginesResultSchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    throw new Error(`${file} does not have the expected shape: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}
