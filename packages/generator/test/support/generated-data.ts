import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Warehouse } from '@pulse/core';
import { type GenerateSampleOptions, generate } from '../../src/index.js';

/** A generated folder in a fresh temp dir; `dispose` removes it. */
export interface GeneratedFolder {
  readonly dir: string;
  dispose(): Promise<void>;
}

export async function generateInto(options: Omit<GenerateSampleOptions, 'outDir'>): Promise<GeneratedFolder> {
  const dir = await mkdtemp(join(tmpdir(), 'pulse-generate-'));
  await generate({ workers: 0, ...options, outDir: dir });
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}

/** Every file under `dir`, relative, sorted: what a byte comparison walks. */
export async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const files: string[] = [];
  for (const entry of (await readdir(join(dir, prefix), { withFileTypes: true })).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const relative = join(prefix, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(dir, relative)));
    else files.push(relative);
  }
  return files;
}

const CSV_SOURCES = ['accounts', 'subscriptions', 'invoices', 'survey_responses', 'spend'] as const;

async function nonEmptyFiles(folder: string, suffix: string): Promise<string[]> {
  const names = (await readdir(folder)).filter((name) => name.endsWith(suffix)).sort();
  const sizes = await Promise.all(names.map((name) => stat(join(folder, name))));
  return names.filter((_, i) => sizes[i]!.size > 0).map((name) => join(folder, name));
}

/**
 * Opens an in-memory warehouse with one table per source loaded from the generated files, read as text (so
 * `00042` stays `00042`) with column names trimmed and lower-cased, as ingestion matches them, plus a
 * `filename` column. `<source>_columns` lists the column names as DuckDB read them.
 */
export async function openGenerated(dir: string): Promise<Warehouse> {
  const warehouse = await Warehouse.open(':memory:');
  const view = async (name: string, reader: string) => {
    // One read per source: DuckDB's CSV sniffing costs ~150 ms a file even for tiny ones.
    await warehouse.exec(`create table ${name}_as_read as select * from ${reader}`);
    const columns = await warehouse.query<{ column_name: string }>(`describe ${name}_as_read`);
    const select = columns
      .map(({ column_name }) => `"${column_name}" as "${column_name.trim().toLowerCase()}"`)
      .join(', ');
    await warehouse.exec(`create view ${name} as select ${select} from ${name}_as_read`);
    await warehouse.exec(
      `create table ${name}_columns as select * from (values ${columns
        .map(({ column_name }) => `('${column_name.replaceAll("'", "''")}')`)
        .join(', ')}) t(header)`,
    );
  };
  const csv = (files: string[]) =>
    `read_csv([${files.map((file) => `'${file}'`).join(', ')}], all_varchar = true, header = true, filename = true)`;
  for (const source of CSV_SOURCES) await view(source, csv([join(dir, `${source}.csv`)]));
  await view('tickets', csv(await nonEmptyFiles(join(dir, 'tickets'), '.csv')));
  await view('events', csv(await nonEmptyFiles(join(dir, 'events'), '.csv.gz')));
  await view(
    'fx_rates',
    `read_json('${join(dir, 'fx_rates.jsonl')}', format = 'newline_delimited', columns = {date: 'VARCHAR', currency: 'VARCHAR', rate: 'VARCHAR'})`,
  );
  return warehouse;
}
