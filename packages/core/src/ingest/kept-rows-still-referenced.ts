import type { Warehouse } from '../warehouse/warehouse.js';
import type { SourceDefinition, SourceReference } from './source-definition.js';
import { quarantineTable, rawTable, sourceTablesExist } from './source-tables.js';
import { quoteIdentifier as q, sqlString } from './sql-text.js';

/**
 * The keys a refresh's sources referenced before this ingestion replaced them: one temporary table per
 * referenced (source, key), taken just before that source is ingested. What went is then the prior keys
 * less the current ones, without keeping the published warehouse at hand.
 */
export class PriorKeys {
  readonly #tables = new Map<string, string>();

  constructor(
    private readonly warehouse: Warehouse,
    private readonly sources: readonly SourceDefinition[],
    private readonly tempName: (purpose: string) => string,
  ) {}

  /** Before `source` is ingested: remembers each of its keys another source references, if it has rows. */
  async remember(source: SourceDefinition): Promise<void> {
    const keys = new Set(
      this.sources.flatMap((other) =>
        (other.references ?? []).filter((r) => r.source === source.name).map((r) => r.key),
      ),
    );
    if (keys.size === 0 || !(await sourceTablesExist(this.warehouse, source))) return;
    for (const key of keys) {
      const table = this.tempName('prior_keys');
      await this.warehouse.exec(
        `create temp table ${table} as select distinct ${q(key)} as key from ${rawTable(source.name)} where ${q(key)} is not null`,
      );
      this.#tables.set(`${source.name}.${key}`, table);
    }
  }

  tableOf(reference: SourceReference): string | undefined {
    return this.#tables.get(`${reference.source}.${reference.key}`);
  }

  async drop(): Promise<void> {
    // In a finally: a failed drop must not hide the error that ended the ingestion.
    for (const table of this.#tables.values())
      await this.warehouse.exec(`drop table if exists ${table}`).catch(() => undefined);
    this.#tables.clear();
  }
}

/**
 * Whether a refresh may keep a source's rows although a source it references was read again: true when
 * every reference to a source that was read again gives every row the verdict it had.
 * - no key went (every key the referenced source had before is still there): a row that found its key
 *   still does, whether it was loaded or quarantined for another problem;
 * - no row is quarantined for that reference: a key that came could let it in, or move its first problem
 *   to a later column. A row whose missing key was not its first problem keeps that earlier problem.
 * Then the source is reused or appended like one whose references were all reused; otherwise it is read
 * whole, as before this check existed.
 *
 * Why: the accounts export changes every night (new signups), and every source referencing it was read
 * whole again; at L a one-day refresh with one new account re-read 49.6M events (~73 s) to judge them
 * exactly as the night before. Both checks read small tables (the keys, the quarantine).
 */
export async function keptRowsStillReferenced(
  warehouse: Warehouse,
  source: SourceDefinition,
  readAgain: (referenced: string) => boolean,
  prior: PriorKeys,
): Promise<boolean> {
  for (const reference of source.references ?? []) {
    if (!readAgain(reference.source)) continue;
    const before = prior.tableOf(reference);
    if (before === undefined || !(await holds(warehouse, source, reference, before))) return false;
  }
  return true;
}

async function holds(
  warehouse: Warehouse,
  source: SourceDefinition,
  reference: SourceReference,
  before: string,
): Promise<boolean> {
  const key = q(reference.key);
  const [row] = await warehouse.query<{ went: number | bigint; quarantined: number | bigint }>(
    `select
       (select count(*) from (
          select key from ${before} except select ${key} from ${rawTable(reference.source)}
        )) as went,
       (select count(*) from (
          select 1 from ${quarantineTable(source.name)} where reason_code = ${sqlString(reference.reasonCode)} limit 1
        )) as quarantined`,
  );
  return Number(row?.went ?? 1) === 0 && Number(row?.quarantined ?? 1) === 0;
}
