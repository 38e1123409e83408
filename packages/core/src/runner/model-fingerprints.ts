import type { Warehouse } from '../warehouse/warehouse.js';

/** What a refresh needs to know about how a model's relation was built. */
export interface ModelState {
  /** modelFingerprint: SQL with bound values, contract, tests. */
  readonly fingerprint: string;
  /** The same without the bound values: equal when only vars (e.g. as_of) changed. */
  readonly codeFingerprint: string;
  /** Order-independent digest of the rows, for tables small enough to digest; null otherwise. */
  readonly contentHash: string | null;
}

export interface BuildState {
  readonly models: ReadonlyMap<string, ModelState>;
  /** The vars the relations were built with (JSON), or undefined when not recorded. */
  readonly vars: unknown;
}

const MODELS = 'pulse.model_fingerprints';
const VARS = 'pulse.build_vars';

export async function writeBuildState(warehouse: Warehouse, state: BuildState): Promise<void> {
  await warehouse.exec(
    `create schema if not exists pulse;
     create or replace table ${MODELS} (model varchar primary key, fingerprint varchar not null,
       code_fingerprint varchar not null, content_hash varchar);
     create or replace table ${VARS} (vars json not null)`,
  );
  await warehouse.append(
    'pulse',
    'model_fingerprints',
    [...state.models].map(([model, { fingerprint, codeFingerprint, contentHash }]) => [
      model,
      fingerprint,
      codeFingerprint,
      contentHash,
    ]),
  );
  await warehouse.append('pulse', 'build_vars', [[JSON.stringify(state.vars ?? null)]]);
}

/** Empty when the warehouse has no record (built before these tables existed): everything rebuilds. */
export async function readBuildState(warehouse: Warehouse): Promise<BuildState> {
  const tables = new Set(
    (await warehouse.relations()).filter((table) => table.schema === 'pulse').map((table) => table.name),
  );
  if (!tables.has('model_fingerprints') || !tables.has('build_vars'))
    return { models: new Map(), vars: undefined };
  const rows = await warehouse.query<{
    model: string;
    fingerprint: string;
    code_fingerprint: string;
    content_hash: string | null;
  }>(`select * from ${MODELS}`);
  const [vars] = await warehouse.query<{ vars: string }>(`select vars::varchar as vars from ${VARS}`);
  return {
    models: new Map(
      rows.map((row) => [
        row.model,
        {
          fingerprint: row.fingerprint,
          codeFingerprint: row.code_fingerprint,
          contentHash: row.content_hash,
        },
      ]),
    ),
    vars: vars ? JSON.parse(vars.vars) : undefined,
  };
}

/** Tables up to this size are digested after a build, so a rebuild that changed nothing stops there. */
const DIGEST_MAX_ROWS = 2_000_000;

export async function contentHashOf(
  warehouse: Warehouse,
  relation: string,
  rows: number | null,
): Promise<string | null> {
  if (rows === null || rows > DIGEST_MAX_ROWS) return null;
  const [row] = await warehouse.query<{ digest: string }>(
    `select count(*)::varchar || ':' || coalesce(sum(hash(t)), 0)::varchar as digest from ${relation} t`,
  );
  return row?.digest ?? null;
}
