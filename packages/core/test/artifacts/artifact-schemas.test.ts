import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProject, generateJsonSchema, JSON_SCHEMA_FILES } from '../../src/index.js';
import { project } from '../fixtures/tiny-project/project.js';
import { tinyWorkspace } from '../support/tiny-project.js';

const schemaFile = (file: string) => new URL(`../../schemas/${file}`, import.meta.url);

describe('artifact JSON Schemas', () => {
  it.each(Object.keys(JSON_SCHEMA_FILES))('committed %s equals the one generated from zod', async (file) => {
    const committed = await readFile(schemaFile(file), 'utf8');
    // When this fails after a deliberate schema change: `npm run schemas -w @pulse/core`.
    expect(committed).toBe(generateJsonSchema(file as keyof typeof JSON_SCHEMA_FILES));
  });

  describe('artifacts of a real build', () => {
    let workspace: Awaited<ReturnType<typeof tinyWorkspace>>;
    let runResults: any;
    let manifest: any;
    beforeAll(async () => {
      workspace = await tinyWorkspace();
      // One implausible account (fails big_accounts' test) and one negative mrr (quarantined).
      await appendFile(
        join(workspace.paths.dataDir, 'accounts.csv'),
        'a5,smb,500000,2024-03-01\na6,smb,-5,2024-03-02\n',
      );
      const result = await buildProject({ project, paths: workspace.paths });
      runResults = JSON.parse(await readFile(result.artifacts.runResults, 'utf8'));
      manifest = JSON.parse(await readFile(result.artifacts.manifest!, 'utf8'));
    });
    afterAll(() => workspace.cleanup());

    async function validator(file: string) {
      const ajv = new Ajv2020({ allErrors: true, strict: true });
      addFormats.default(ajv);
      return ajv.compile(JSON.parse(await readFile(schemaFile(file), 'utf8')));
    }

    it('run_results.json validates against run-results.v1.json', async () => {
      const validate = await validator('run-results.v1.json');
      expect(validate(runResults), JSON.stringify(validate.errors)).toBe(true);
    });

    it('manifest.json validates against manifest.v1.json', async () => {
      const validate = await validator('manifest.v1.json');
      expect(validate(manifest), JSON.stringify(validate.errors)).toBe(true);
    });

    it('the schemas reject an artifact that drifts (a bigint-like string count, an unknown key)', async () => {
      const validate = await validator('run-results.v1.json');
      const broken = structuredClone(runResults);
      broken.results[0].rows = '4';
      broken.results[0].extra = true;
      expect(validate(broken)).toBe(false);
      expect(validate.errors?.map((error) => `${error.instancePath} ${error.keyword}`)).toEqual(
        expect.arrayContaining(['/results/0 additionalProperties', '/results/0/rows type']),
      );
    });

    it('run_results.json records what happened to every model, test and source', () => {
      expect(runResults.metadata).toMatchObject({
        pulse_schema_version: 'urn:pulse:run-results:v1',
        project: 'tiny-fixture',
        node_version: process.version,
      });
      expect(runResults.metadata.invocation_id).toBe(manifest.metadata.invocation_id);
      expect(runResults).toMatchObject({
        status: 'error',
        as_of: '2024-03-31',
        vars: { asOf: '2024-03-31', bigAccountMrr: 1000 },
        args: {
          command: 'build',
          select: null,
          strict: false,
          data_dir: 'data/raw',
          warehouse: 'data/warehouse.duckdb',
        },
        sources: [
          {
            name: 'accounts',
            files: ['accounts.csv'],
            rows_read: 6,
            rows_loaded: 5,
            rows_quarantined: 1,
            by_reason: { out_of_range: 1 },
          },
        ],
      });
      expect(
        runResults.results.map((r: any) => [r.unique_id, r.status, r.rows, r.export_path, r.failed_ancestor]),
      ).toEqual([
        ['model.stg_accounts', 'success', 5, null, null],
        ['model.mrr_by_segment', 'success', 3, 'data/marts/mrr_by_segment.parquet', null],
        ['model.big_accounts', 'error', 2, null, null],
        ['model.big_account_count', 'skipped', null, null, 'big_accounts'],
      ]);
      const plausible = runResults.results[2].tests.find((t: any) => t.name === 'plausible_mrr');
      expect(plausible).toMatchObject({
        status: 'fail',
        failures: 1,
        failing_rows: [{ account_id: 'a5', mrr: 500000, threshold: 1000 }],
      });
    });

    it('manifest.json describes models, columns (type, nullability, description), tests and sources', () => {
      expect(Object.keys(manifest.nodes)).toEqual([
        'model.stg_accounts',
        'model.mrr_by_segment',
        'model.big_accounts',
        'model.big_account_count',
      ]);
      expect(manifest.nodes['model.mrr_by_segment']).toMatchObject({
        layer: 'marts',
        materialized: 'table',
        relation_name: 'marts.mrr_by_segment',
        grain: ['segment'],
        depends_on: { nodes: ['model.stg_accounts'] },
        exported: true,
        columns: [
          { name: 'segment', data_type: 'VARCHAR', nullable: false, description: 'Customer segment.' },
          { name: 'mrr', data_type: 'DOUBLE', nullable: false, description: 'Sum of MRR.' },
          { name: 'accounts', data_type: 'INTEGER', nullable: false, description: 'Number of accounts.' },
        ],
      });
      expect(manifest.nodes['model.stg_accounts'].tests.map((t: any) => [t.name, t.severity])).toEqual([
        ['unique_stg_accounts_account_id', 'error'],
        ['not_null_stg_accounts_account_id', 'error'],
        ['not_null_stg_accounts_segment', 'error'],
        ['not_null_stg_accounts_mrr', 'error'],
        ['accepted_values_stg_accounts_segment', 'warn'],
      ]);
      expect(manifest.sources).toEqual([
        {
          unique_id: 'source.accounts',
          name: 'accounts',
          required: true,
          description: 'One row per account.',
        },
      ]);
    });
  });
});
