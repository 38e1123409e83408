import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '@pulse/core';
import { describe, expect, it } from 'vitest';
import { models, pulseConfigSchema } from '../../src/index.js';
import { DEFAULT_TARGETS, TARGET_METRICS } from '../../src/target-metrics.js';

/** The message `pulse` prints for this config (ConfigError, exit 2). */
async function configError(content: object): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pulse-targets-'));
  const file = join(dir, 'pulse.config.json');
  try {
    await writeFile(file, JSON.stringify(content));
    const error = await loadConfig(pulseConfigSchema, file).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message.replaceAll(file, 'pulse.config.json');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('config targets', () => {
  it('defaults to logo churn below 5 % a month for every account', () => {
    expect(pulseConfigSchema.parse({}).targets).toEqual([
      { metric: 'mrr_monthly.logo_churn_rate', segment: 'all', operator: '<', threshold: 0.05 },
    ]);
  });

  it('a given list replaces the defaults whole; the segment defaults to all; [] turns targets off', () => {
    expect(
      pulseConfigSchema.parse({ targets: [{ metric: 'nps_monthly.nps', operator: '>', threshold: 30 }] })
        .targets,
    ).toEqual([{ metric: 'nps_monthly.nps', segment: 'all', operator: '>', threshold: 30 }]);
    expect(pulseConfigSchema.parse({ targets: [] }).targets).toEqual([]);
  });

  it('does not share the default list between parses (a caller may change its copy)', () => {
    const first = pulseConfigSchema.parse({});
    first.targets[0]!.threshold = 1;
    expect(pulseConfigSchema.parse({}).targets[0]!.threshold).toBe(0.05);
  });

  it('names the key path and the nearest column of a misspelt metric', async () => {
    expect(
      await configError({
        targets: [
          { metric: 'mrr_monthly.logo_churn_rate', operator: '<', threshold: 0.05 },
          { metric: 'mrr_monthly.logo_churn', operator: '<', threshold: 0.05 },
        ],
      }),
    ).toBe(
      'Invalid config pulse.config.json:\n' +
        '  pulse.config.json: targets[1].metric: "mrr_monthly" has no numeric column "logo_churn" ' +
        '(did you mean "mrr_monthly.logo_churn_rate"?); its columns are ' +
        `${TARGET_METRICS.mrr_monthly!.join(', ')}`,
    );
  });

  it('names the marts a target may use when the mart is unknown or not monthly', async () => {
    const message = await configError({
      targets: [{ metric: 'health_scores.score', operator: '>', threshold: 70 }],
    });
    expect(message).toContain('targets[0].metric: unknown mart "health_scores"');
    expect(message).toContain('a target names a column of mrr_monthly, clv_monthly, renewals_monthly');
    expect(
      await configError({ targets: [{ metric: 'mrr_monthlyy.nrr', operator: '>', threshold: 1 }] }),
    ).toContain('targets[0].metric: unknown mart "mrr_monthlyy" (did you mean "mrr_monthly"?)');
  });

  it('rejects a metric without a mart, an unknown operator, a missing threshold and unknown keys', async () => {
    const message = await configError({
      targets: [
        { metric: 'logo_churn_rate', operator: '<', threshold: 0.05 },
        { metric: 'mrr_monthly.nrr', operator: '>=', threshold: 1 },
        { metric: 'mrr_monthly.nrr', operator: '>' },
        { metric: 'mrr_monthly.nrr', operator: '>', threshold: 1, severity: 'high' },
      ],
    });
    expect(message).toContain(
      'targets[0].metric: must name a mart column as "<mart>.<column>", e.g. "mrr_monthly.logo_churn_rate"',
    );
    expect(message).toContain('targets[1].operator:');
    expect(message).toContain('targets[2].threshold:');
    expect(message).toContain('targets[3]: unknown key "severity"');
  });

  it('lists exactly the numeric columns of the marts with one row per month and segment', () => {
    const fromModels: Record<string, string[]> = {};
    for (const model of models) {
      if (model.layer !== 'marts' || [...(model.grain ?? [])].sort().join() !== 'month,segment') continue;
      const shape = model.columns.shape as Record<
        string,
        { _zod: { def: { type: string; innerType?: any } } }
      >;
      fromModels[model.name] = Object.keys(shape).filter((column) => {
        const def = shape[column]!._zod.def;
        const type = def.type === 'nullable' ? def.innerType._zod.def.type : def.type;
        return type === 'number' || type === 'int';
      });
    }
    expect(TARGET_METRICS).toEqual(fromModels);
    for (const target of DEFAULT_TARGETS) {
      const [mart, column] = target.metric.split('.');
      expect(fromModels[mart!]).toContain(column);
    }
  });
});
