// The machine a result was measured on: ratios travel between machines, absolute seconds do not.
import { cpus, loadavg, totalmem } from 'node:os';

export interface Machine {
  readonly cpus: number;
  readonly cpuModel: string;
  readonly memoryGb: number;
  readonly node: string;
  readonly duckdb: string;
  readonly loadAverage: number;
}

export async function machine(): Promise<Machine> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const connection = await (await DuckDBInstance.create(':memory:')).connect();
  const version = (await connection.runAndReadAll('select version() as v')).getRowObjectsJS()[0]!.v as string;
  connection.closeSync();
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    duckdb: version,
    loadAverage: loadavg()[0]!,
  };
}
