import { PostgresQueryCompiler } from 'kysely';

/**
 * DuckDB speaks PostgreSQL's dialect of SQL closely enough ($n placeholders, double-quoted identifiers,
 * `returning`, `on conflict`) that the Postgres compiler serves, except for inlined values.
 *
 * Values are inlined where DuckDB cannot take parameters, e.g. `create view … as` (Kysely inlines them
 * there). The literals get the DuckDB type the same value gets when bound (see `parameter-binding.ts`),
 * so a view returns exactly what the query it was built from returns.
 */
export class DuckDBQueryCompiler extends PostgresQueryCompiler {
  protected override appendImmediateValue(value: unknown): void {
    if (value instanceof Date) {
      // Kysely would inline a bare ISO string (a VARCHAR); a bound Date is the TIMESTAMP of its UTC wall-clock.
      this.append('timestamp ');
      this.appendStringLiteral(value.toISOString().replace('T', ' ').replace('Z', ''));
    } else if (typeof value === 'number' && !Number.isSafeInteger(value)) {
      // A bare `1.5` would be a DECIMAL and a bare `NaN` a column name; a bound fraction is a DOUBLE.
      if (Number.isFinite(value)) this.append(String(value));
      else this.appendStringLiteral(String(value));
      this.append('::double');
    } else if (Array.isArray(value)) {
      this.append('[');
      value.forEach((item, index) => {
        if (index > 0) this.append(', ');
        this.appendImmediateValue(item);
      });
      this.append(']');
    } else if (value === undefined) {
      this.append('null');
    } else {
      super.appendImmediateValue(value);
    }
  }
}
