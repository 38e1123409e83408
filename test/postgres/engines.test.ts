import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { compareMartFolders } from '../support/compare-marts.js';
import { createTestDatabase, queryDatabase } from '../support/postgres-database.js';
import { type PulseBuild, pulseBuildIn } from '../support/pulse-build.js';
import { REPO_ROOT } from '../support/site-build.js';
import { FAILED_MART, FAILED_UPSTREAM, SKIPPED_MART } from '../support/site-failing-project.js';

const work = mkdtempSync(join(tmpdir(), 'pulse-engines-'));
const FAILING = join(REPO_ROOT, 'test', 'support', 'site-failing-project.ts');

const pulseBuild = (name: string, args: string[], env: NodeJS.ProcessEnv = {}, command = 'build') =>
  pulseBuildIn(work, name, join(REPO_ROOT, 'data', 'raw'), args, { env, command });

const martsOf = (build: PulseBuild) => join(build.root, 'wh-marts');
const resultsOf = (build: PulseBuild) =>
  JSON.parse(readFileSync(join(build.root, 'wh-target', 'run_results.json'), 'utf8')).results as {
    name: string;
    status: string;
  }[];

const configWith = (extra: Record<string, unknown>) => {
  const file = join(work, `config-${Object.values(extra).join('-')}.json`);
  const sample = JSON.parse(readFileSync(join(REPO_ROOT, 'data', 'pulse.config.json'), 'utf8'));
  writeFileSync(file, JSON.stringify({ ...sample, ...extra }));
  return file;
};

const SAMPLE_TARGETS = [
  { metric: 'mrr_monthly.logo_churn_rate', operator: '<', threshold: 1 },
  { metric: 'mrr_monthly.logo_churn_rate', operator: '>', threshold: 1 },
  { metric: 'mrr_monthly.logo_churn_rate', segment: 'no-such-segment', operator: '<', threshold: 1 },
];

const targetsOf = (build: PulseBuild) =>
  JSON.parse(readFileSync(join(build.root, 'wh-target', 'run_results.json'), 'utf8')).targets as {
    metric: string;
    status: string;
    value: number | null;
  }[];

let server: string;
let onDuckdb: PulseBuild;
let onPostgres: PulseBuild;
let failing: PulseBuild;
let postgresUrl: string;
let failingUrl: string;

beforeAll(async () => {
  server = inject('postgresUrl');
  postgresUrl = await createTestDatabase(server, 'sample');
  failingUrl = await createTestDatabase(server, 'failing');
  // The sample's config with targets (it has none): judged where the marts were built, so both engines
  // must give the same verdicts, including no data for a segment the sample does not have.
  const sampleConfig = join(work, 'sample-with-targets.json');
  const sample = JSON.parse(readFileSync(join(REPO_ROOT, 'data', 'pulse.config.json'), 'utf8'));
  writeFileSync(sampleConfig, JSON.stringify({ ...sample, targets: SAMPLE_TARGETS }));
  [onDuckdb, onPostgres, failing] = await Promise.all([
    pulseBuild('duckdb', ['--config', sampleConfig]),
    pulseBuild('postgres', ['--config', sampleConfig, '--engine', 'postgres', '--target', postgresUrl]),
    // The engine from pulse.config.json, the server from PULSE_TARGET.
    pulseBuild('failing', ['--config', configWith({ engine: 'postgres' })], {
      PULSE_PROJECT: FAILING,
      PULSE_TARGET: failingUrl,
    }),
  ]);
}, 600_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the bundled sample on DuckDB and on PostgreSQL', () => {
  it('builds every model on both engines', () => {
    expect(onDuckdb.code, onDuckdb.output).toBe(0);
    expect(onPostgres.code, onPostgres.output).toBe(0);
    for (const build of [onDuckdb, onPostgres]) {
      expect(resultsOf(build).filter((node) => node.status !== 'success')).toEqual([]);
    }
  });

  it('gives equal marts: the same files, columns and types, numbers to 1e-9 relative, the rest exactly', async () => {
    expect(await compareMartFolders(martsOf(onDuckdb), martsOf(onPostgres))).toEqual([]);
  });

  it('judges the config targets on the marts built on PostgreSQL as on DuckDB', () => {
    const verdicts = (build: PulseBuild) => targetsOf(build).map((target) => [target.metric, target.status]);
    expect(verdicts(onPostgres)).toEqual([
      ['mrr_monthly.logo_churn_rate', 'met'],
      ['mrr_monthly.logo_churn_rate', 'breached'],
      ['mrr_monthly.logo_churn_rate', 'no_data'],
    ]);
    expect(verdicts(onPostgres)).toEqual(verdicts(onDuckdb));
    expect(targetsOf(onPostgres)[0]?.value).toBeCloseTo(targetsOf(onDuckdb)[0]?.value ?? Number.NaN, 12);
  });

  it('records the changes folder with the marts built on PostgreSQL as on DuckDB', async () => {
    for (const build of [onDuckdb, onPostgres]) {
      expect(existsSync(join(martsOf(build), 'changes', 'summary.parquet')), build.root).toBe(true);
    }
    expect(
      await compareMartFolders(join(martsOf(onDuckdb), 'changes'), join(martsOf(onPostgres), 'changes')),
    ).toEqual([]);
  });

  it('ran the models in PostgreSQL, under the same schemas, and recorded the build in pulse', async () => {
    const schemas = await queryDatabase<{ schema: string; tables: string[] }>(
      postgresUrl,
      `select table_schema as schema, array_agg(table_name::text order by table_name) as tables
       from information_schema.tables
       where table_schema in ('raw', 'quarantine', 'staging', 'intermediate', 'marts', 'pulse')
       group by 1 order by 1`,
    );
    expect(schemas.map((row) => row.schema)).toEqual([
      'intermediate',
      'marts',
      'pulse',
      'quarantine',
      'raw',
      'staging',
    ]);
    expect(schemas.find((row) => row.schema === 'pulse')?.tables).toEqual(['build_vars', 'runs']);
    const [mrr] = await queryDatabase<{ months: number }>(
      postgresUrl,
      'select count(*)::int as months from marts.mrr_monthly',
    );
    expect(mrr!.months).toBeGreaterThan(0);
  });

  it('keeps in pulse.runs the run record of the build, as a DuckDB warehouse keeps its runs', async () => {
    const results = resultsOf(onPostgres);
    const runs = await queryDatabase<Record<string, unknown>>(
      postgresUrl,
      `select run_id, status, files_ingested, rows_per_source::text as rows_per_source, quarantined_rows,
              models_built, models_skipped, tests_failed, message,
              finished_at >= started_at as ordered, duration_seconds > 0 as timed
       from pulse.runs`,
    );
    expect(runs).toHaveLength(1);
    const { run_id, rows_per_source, ...run } = runs[0]!;
    expect(run_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(run).toEqual({
      status: 'success',
      files_ingested: expect.any(Number),
      quarantined_rows: expect.any(Number),
      models_built: results.length,
      models_skipped: 0,
      tests_failed: 0,
      message: null,
      ordered: true,
      timed: true,
    });
    expect(run.files_ingested).toBeGreaterThan(0);
    // Rows loaded per source, as the local warehouse's raw tables hold them.
    const loaded = JSON.parse(rows_per_source as string) as Record<string, number>;
    const rawTables = await queryDatabase<{ name: string }>(
      postgresUrl,
      `select table_name::text as name from information_schema.tables where table_schema = 'raw'`,
    );
    const raw = await queryDatabase<{ source: string; rows: number }>(
      postgresUrl,
      rawTables
        .map(({ name }) => `select '${name}' as source, count(*)::int as rows from raw."${name}"`)
        .join(' union all '),
    );
    expect(loaded).toEqual(Object.fromEntries(raw.map((row) => [row.source, row.rows])));
    const [vars] = await queryDatabase<{ as_of: string }>(
      postgresUrl,
      `select vars->>'asOf' as as_of from pulse.build_vars`,
    );
    expect(vars?.as_of).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('a failing model on PostgreSQL', () => {
  it('fails only itself and skips its descendants; the other models are built and exported', () => {
    expect(failing.code, failing.output).toBe(1);
    const status = new Map(resultsOf(failing).map((node) => [node.name, node.status]));
    expect(status.get(FAILED_MART)).toBe('error');
    expect(status.get(FAILED_UPSTREAM)).toBe('error');
    expect(status.get(SKIPPED_MART)).toBe('skipped');
    expect(status.get('mrr_monthly')).toBe('success');
    expect(existsSync(join(martsOf(failing), 'mrr_monthly.parquet'))).toBe(true);
    expect(existsSync(join(martsOf(failing), `${FAILED_MART}.parquet`))).toBe(false);
    expect(existsSync(join(martsOf(failing), `${SKIPPED_MART}.parquet`))).toBe(false);
  });

  it('records the failed build in the server’s pulse.runs, naming the failed models', async () => {
    const runs = await queryDatabase<{ status: string; models_skipped: number; message: string }>(
      failingUrl,
      'select status, models_skipped, message from pulse.runs',
    );
    expect(runs).toHaveLength(1);
    expect(runs[0]!.status).toBe('failed');
    expect(runs[0]!.models_skipped).toBeGreaterThan(0);
    expect(runs[0]!.message).toContain(FAILED_MART);
    expect(runs[0]!.message).toContain(FAILED_UPSTREAM);
  });
});

describe('the no-network rule', () => {
  it('talks to a server that listens on loopback only', async () => {
    expect(new URL(server).hostname).toBe('127.0.0.1');
    const [settings] = await queryDatabase<{ listen: string; address: string }>(
      postgresUrl,
      'select current_setting($$listen_addresses$$) as listen, host(inet_server_addr()) as address',
    );
    expect(settings).toEqual({ listen: '127.0.0.1', address: '127.0.0.1' });
  });
});

describe('choosing the engine', () => {
  it('refuses engine postgres without a server, naming --target and PULSE_TARGET (exit 2)', async () => {
    const build = await pulseBuild('no-target', ['--engine', 'postgres']);
    expect(build.code).toBe(2);
    expect(build.output).toContain('--target');
    expect(build.output).toContain('PULSE_TARGET');
  });

  it('refuses to refresh a project whose config says postgres, instead of quietly building on DuckDB (exit 2)', async () => {
    const refresh = await pulseBuild(
      'refresh',
      ['--config', configWith({ engine: 'postgres' })],
      { PULSE_TARGET: server },
      'refresh',
    );
    expect(refresh.code, refresh.output).toBe(2);
    expect(refresh.output).toContain('pulse build --engine postgres');
  });

  it('refuses to check the targets of a project whose config says postgres, pointing at run_results.json (exit 2)', async () => {
    // The PostgreSQL build's own folder: its local warehouse exists but holds no marts.
    const check = await pulseBuild('postgres', ['--config', configWith({ engine: 'postgres' })], {}, 'check');
    expect(check.code, check.output).toBe(2);
    expect(check.output).toContain('run_results.json');
  });

  it('refuses a database that sorts text by a language collation, saying how to create one that does not', async () => {
    // ICU's English order puts `a` before `B`; bytes put `B` first. Tie-breaks on ids and file names, and
    // the marts' row order, would differ from a DuckDB build of the same files.
    const name = `pulse_icu_${process.pid}`;
    await queryDatabase(
      server,
      `create database ${name} template template0 encoding 'UTF8' locale_provider icu icu_locale 'en-US' locale 'C.UTF-8'`,
    );
    const url = new URL(server);
    url.pathname = `/${name}`;
    const build = await pulseBuild('icu', ['--engine', 'postgres', '--target', url.toString()]);
    expect(build.code, build.output).toBe(1);
    expect(build.output).toContain('sorts text by its collation');
    expect(build.output).toContain("LOCALE 'C'");
    // Nothing was built there.
    const schemas = await queryDatabase<{ n: number }>(
      url.toString(),
      `select count(*)::int as n from information_schema.schemata where schema_name in ('raw', 'marts', 'pulse')`,
    );
    expect(schemas).toEqual([{ n: 0 }]);
  });

  it('rejects an unknown engine (exit 2)', async () => {
    const build = await pulseBuild('bad-engine', ['--engine', 'oracle']);
    expect(build.code).toBe(2);
  });
});
