// docs/adding-a-metric.md, done by a machine: the model file shown on that page is added to a copy of
// packages/models, the sample is built by the real CLI, and the new mart must come out built, tested,
// exported as Parquet, in the manifest, in `pulse docs`' metrics.md and in the site's Definitions data.
// The code comes from the page itself, so the page cannot drift from the API without this failing.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The data the site's Definitions page is built from (apps/reports/scripts/copy-data.js → glossary.json).
import { glossaryFromManifest } from '../../apps/reports/scripts/lib/manifest.js';
import { REPO_ROOT } from '../support/site-build.js';

const run = promisify(execFile);
const PULSE_BIN = join(REPO_ROOT, 'packages', 'core', 'bin', 'pulse.js');
const MART = 'mrr_segment_mix';
const MODEL_FILE = `packages/models/src/marts/${MART}.ts`;

// Inside the repository (git-ignored .tmp/), so the copy resolves @pulse/core, kysely and zod as the
// real package does.
const work = join(REPO_ROOT, '.tmp', `add-a-metric-${process.pid}`);
const copy = join(work, 'models');
const out = join(work, 'out');

/** The fenced ```ts title="<path>" blocks of the page, by path. */
function codeBlocksOf(markdown: string): Map<string, string> {
  const blocks = new Map<string, string>();
  for (const match of markdown.matchAll(/^```ts title="([^"]+)"\n([\s\S]*?)^```$/gm)) {
    blocks.set(match[1]!, match[2]!);
  }
  return blocks;
}

const pulse = (...args: string[]) =>
  run(process.execPath, [PULSE_BIN, ...args], { cwd: REPO_ROOT, maxBuffer: 16 * 1024 * 1024 });

beforeAll(async () => {
  rmSync(work, { recursive: true, force: true });
  const page = readFileSync(join(REPO_ROOT, 'docs', 'adding-a-metric.md'), 'utf8');
  const model = codeBlocksOf(page).get(MODEL_FILE);
  if (model === undefined) {
    throw new Error(`docs/adding-a-metric.md has no \`\`\`ts title="${MODEL_FILE}" block any more`);
  }
  cpSync(join(REPO_ROOT, 'packages', 'models', 'src'), join(copy, 'src'), { recursive: true });
  const target = join(copy, MODEL_FILE.replace('packages/models/', ''));
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, model);
  // Step 4 of the page (registering the model), done without editing the copied list files: the project
  // with the new mart appended to its models.
  writeFileSync(
    join(copy, 'src', 'project-with-metric.ts'),
    `import { defineProject } from '@pulse/core';
import { mrrSegmentMix } from './marts/${MART}.js';
import { project } from './project.js';

export default defineProject({ ...project, models: [...project.models, mrrSegmentMix] });
`,
  );
  const project = join(copy, 'src', 'project-with-metric.ts');
  await pulse('build', '--project', project, '--warehouse', join(out, 'warehouse.duckdb'));
  await pulse('docs', '--project', project, '--out', join(out, 'docs'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const json = (file: string) => JSON.parse(readFileSync(join(out, file), 'utf8'));

describe('adding a metric as docs/adding-a-metric.md says', () => {
  it('builds the mart and passes its data tests, implied and declared', () => {
    const results = json('target/run_results.json').results as {
      name: string;
      status: string;
      tests: { name: string; status: string }[];
    }[];
    const node = results.find((result) => result.name === MART);
    expect(node?.status).toBe('success');
    expect(node?.tests.map((test) => test.name)).toEqual(
      expect.arrayContaining([`unique_${MART}_month__segment`, `not_null_${MART}_mrr`]),
    );
    expect(node?.tests.map((test) => test.name)).toContain('mrr_segment_mix_share_is_a_fraction');
    expect(node?.tests.filter((test) => test.status !== 'pass')).toEqual([]);
  });

  it('exports it as Parquet: one row per month and segment, the shares of a month summing to 1', async () => {
    const file = join(out, 'marts', `${MART}.parquet`);
    expect(existsSync(file)).toBe(true);
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      const rows = (
        await connection.runAndReadAll(
          `select count(*)::integer as months, max(abs(total - 1)) as worst, bool_or(has_all) as has_all
           from (select month, sum(mrr_share) as total, bool_or(segment = 'all') as has_all
                 from read_parquet('${file}') group by month having sum(mrr) > 0)`,
        )
      ).getRowObjectsJson();
      expect(rows[0]).toMatchObject({ has_all: false });
      expect(Number(rows[0]!.months)).toBeGreaterThan(6);
      expect(Number(rows[0]!.worst)).toBeLessThan(1e-9);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });

  it('describes it in target/manifest.json with its contract', () => {
    const node = json('target/manifest.json').nodes[`model.${MART}`];
    expect(node).toMatchObject({ layer: 'marts', grain: ['month', 'segment'], exported: true });
    expect(node.depends_on.nodes).toEqual(['model.mrr_monthly']);
    expect(
      node.columns.map((column: { name: string; data_type: string }) => [column.name, column.data_type]),
    ).toEqual([
      ['month', 'DATE'],
      ['segment', 'VARCHAR'],
      ['mrr', 'DOUBLE'],
      ['mrr_share', 'DOUBLE'],
    ]);
  });

  it('documents it in metrics.md through pulse docs', () => {
    const metrics = readFileSync(join(out, 'docs', 'metrics.md'), 'utf8');
    expect(metrics).toContain(`[\`${MART}\`](#${MART})`);
    const section = metrics.slice(metrics.indexOf(`### ${MART}`));
    expect(section).toContain('- One row per: `month` × `segment`');
    expect(section).toContain('- Reads: `mrr_monthly`');
    expect(section).toMatch(/\| `mrr_share` \| `DOUBLE` \| allowed \| .*MRR.* \|/);
  });

  it("lists it with its definitions in the data of the site's Definitions page", () => {
    // The site's helper is plain JavaScript (models typed `object[]`): name the shape read here.
    const { models } = glossaryFromManifest(json('target/manifest.json')) as {
      models: { name: string; key: string[] | null; columns: { name: string; description: string }[] }[];
    };
    const entry = models.find((model) => model.name === MART);
    const manifestColumns = json('target/manifest.json').nodes[`model.${MART}`].columns;
    expect(entry?.key).toEqual(['month', 'segment']);
    expect(entry?.columns.map((column: { description: string }) => column.description)).toEqual(
      manifestColumns.map((column: { description: string }) => column.description),
    );
    expect(
      entry?.columns.find((column: { name: string }) => column.name === 'mrr_share')?.description,
    ).toMatch(/MRR/);
  });
});
