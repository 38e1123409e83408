import { PulseError } from '../errors.js';
import type { Warehouse } from '../warehouse/warehouse.js';

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Where a NUL character sits: the export's file and line when the table keeps them (raw tables do). */
export interface NulTextPlace {
  readonly table: string;
  readonly column: string;
  readonly file?: string;
  readonly line?: number;
}

/**
 * PostgreSQL text cannot hold the NUL character (U+0000), which JSON Lines may spell `\u0000` and DuckDB
 * keeps; the server's COPY refused the row in words that named neither the export nor what to do.
 */
export class PostgresNulTextError extends PulseError {
  override readonly name = 'PostgresNulTextError';
  constructor(readonly place: NulTextPlace) {
    const where =
      place.file !== undefined && place.line !== undefined
        ? `${place.file}:${place.line}, column ${place.column}`
        : `${place.table}, column ${place.column}`;
    super(
      `${where} holds a NUL character (U+0000, "\\u0000" in JSON), which PostgreSQL text cannot store. ` +
        'Remove or replace it in the export (a DuckDB build keeps it), then build again.',
    );
  }
}

/** Whether an error of the server's COPY is its refusal of a NUL byte in text. */
export function isNulTextRefusal(error: unknown): boolean {
  return error instanceof Error && /encoding "UTF8": 0x00\b/.test(error.message);
}

/**
 * The first row of `relation` (a table of the local warehouse) whose text holds a NUL character, with
 * the export's file and line when the table keeps them; undefined when none does (the refusal was
 * another's). Run only after the server refused a COPY: a scan of every text column.
 */
export async function findNulText(
  local: Warehouse,
  relation: { readonly schema: string; readonly name: string },
  columns: readonly { readonly name: string; readonly dataType: string }[],
): Promise<NulTextPlace | undefined> {
  const table = `${quote(relation.schema)}.${quote(relation.name)}`;
  const names = new Set(columns.map((column) => column.name));
  const placed = names.has('_file') && names.has('_line');
  for (const column of columns) {
    if (column.dataType !== 'VARCHAR') continue;
    const rows = await local.query<{ file?: string; line?: number | bigint }>(
      `select ${placed ? '_file as file, _line as line' : '1 as found'} from ${table}
       where contains(${quote(column.name)}, chr(0))${placed ? ' order by _file, _line' : ''} limit 1`,
    );
    const row = rows[0];
    if (!row) continue;
    return {
      table: `${relation.schema}.${relation.name}`,
      column: column.name,
      ...(placed && row.file !== undefined && row.line !== undefined
        ? { file: row.file, line: Number(row.line) }
        : {}),
    };
  }
  return undefined;
}
