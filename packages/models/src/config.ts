import { CURRENCY_CODES_BY_USE, closestMatch, isCurrencyCode, targetSchema } from '@pulse/core';
import { z } from 'zod';
import { sourcesMappingSchema } from './config-sources.js';
import { mappingPresetIssues, mappingPresetSources } from './presets/expand-mapping-presets.js';
import { presetConflicts, presetsSchema } from './presets/presets-config.js';
import { sources } from './sources/index.js';
import { DEFAULT_REPORTING_CURRENCY } from './sources/source-config.js';
import { DEFAULT_TARGETS, unknownMetricReason } from './target-metrics.js';

const weight = z.number().min(0);

/** `pulse.config.json` (CONTRACT.md "Configuration"): every key optional, validated before anything runs. */
export const pulseConfigSchema = z
  .object({
    /** Lets editors find the published JSON Schema (`./pulse.config.schema.json`); ignored by Pulse. */
    $schema: z
      .string()
      .optional()
      .describe('the JSON Schema of this file, for editors: "./pulse.config.schema.json"'),
    engine: z
      .enum(['duckdb', 'postgres'])
      .default('duckdb')
      .describe(
        'where the models run: "duckdb" (embedded, the default) or "postgres" (the server given by --target or PULSE_TARGET; ingestion stays local)',
      ),
    reporting_currency: z
      .string()
      .regex(/^[A-Za-z]{3}$/, 'must be an ISO 4217 code such as "USD"')
      .superRefine((code, context) => {
        if (isCurrencyCode(code)) return;
        const near = closestMatch(code.toUpperCase(), CURRENCY_CODES_BY_USE);
        context.addIssue({
          code: 'custom',
          message: `"${code}" is not an ISO 4217 currency code${near ? ` (did you mean "${near}"?)` : ''}: use one such as "USD" or "EUR"`,
        });
      })
      .transform((code) => code.toUpperCase())
      .default(DEFAULT_REPORTING_CURRENCY)
      .describe(`ISO 4217 code of every money metric (default "${DEFAULT_REPORTING_CURRENCY}")`),
    as_of: z.iso
      .date('must be a date written YYYY-MM-DD')
      .optional()
      .describe('the last day that counts, YYYY-MM-DD (default: the latest date in the data)'),
    value_events: z
      .array(z.string().min(1))
      .min(1)
      .default(['value_moment'])
      .describe('events whose first occurrence marks time to value'),
    gross_margin: z.number().gt(0).max(1).default(0.8).describe('margin for CLV and CAC payback'),
    renewal_grace_days: z
      .int()
      .min(0)
      .default(30)
      .describe('days after a renewal date during which MRR still counts as renewed'),
    health_weights: z
      .object({
        engagement: weight.optional(),
        usage_trend: weight.optional(),
        sentiment: weight.optional(),
        support: weight.optional(),
        financial: weight.optional(),
      })
      .strict()
      .default({})
      .describe('weights of the health score; the keys given replace their default'),
    /** Freshness limits per source in hours, used by `pulse status`. */
    max_age_hours: z
      .record(z.string(), z.number().positive())
      .superRefine((limits, context) => {
        // A misspelt source would otherwise be a limit nobody checks, silently.
        const names = sources.map((source) => source.name);
        for (const key of Object.keys(limits)) {
          if (names.includes(key)) continue;
          const near = closestMatch(key, names);
          context.addIssue({
            code: 'custom',
            path: [key],
            message:
              `unknown source "${key}"${near ? ` (did you mean "${near}"?)` : ''}; ` +
              `the sources are ${names.join(', ')}`,
          });
        }
      })
      .default({})
      .describe('freshness limits of `pulse status` in hours, per source name'),
    /**
     * `pulse refresh` fails when a source's loaded rows fall by more than this share of the published
     * warehouse's (0.5: losing more than half); 1 turns the check off (an empty required source still fails).
     */
    sources: sourcesMappingSchema,
    presets: presetsSchema,
    account_pages_top_n: z
      .int()
      .min(0)
      .default(200)
      .describe(
        'accounts with the highest MRR in the as-of month that get an account page on the site (besides every at-risk, critical or recently churned account)',
      ),
    /**
     * Each account page costs build time (~0.13 s of CPU): at scale tens of thousands of accounts are at
     * risk, so the site builds pages for this many, the highest `page_priority` of the account_pages mart.
     */
    account_pages_max: z
      .int()
      .min(0)
      .default(500)
      .describe(
        'most account pages the site builds; when more accounts qualify, critical accounts come first, then recent churns, then at-risk accounts, then the top accounts by MRR, the most MRR at stake first within each',
      ),
    /**
     * Display only: the models never read it, so the marts keep full values. The build passes it to the site
     * through run_results.json's vars (minGroupSize), and the site blanks the cells of smaller groups.
     */
    min_group_size: z
      .int()
      .min(1)
      .nullable()
      .optional()
      .describe(
        'smallest group the report site shows a value for: a cohort or segment cell computed from fewer accounts (survey responses, renewals or tickets where a mart counts those) is shown as suppressed, on the pages and in their CSV downloads; the marts keep full values. Absent or null: off',
      ),
    max_shrink: z
      .number()
      .min(0)
      .max(1)
      .default(0.5)
      .describe("largest share of a source's rows a refresh may lose; 1 turns the check off"),
    /**
     * Judged on the latest complete month by every build (run_results.json) and by `pulse check`. A list
     * given here replaces the defaults whole, so a default can be dropped; `[]` turns targets off.
     */
    targets: z
      .array(
        targetSchema.superRefine((target, context) => {
          const reason = unknownMetricReason(target.metric);
          if (reason) context.addIssue({ code: 'custom', path: ['metric'], message: reason });
        }),
      )
      .default(() => DEFAULT_TARGETS.map((target) => ({ ...target })))
      .describe(
        'targets judged on the latest complete month by builds and `pulse check`: metric "<mart>.<column>", ' +
          'optional segment (default "all"), operator "<" or ">", threshold; replaces the default ' +
          '[logo churn < 0.05]',
      ),
  })
  .strict()
  .superRefine((config, context) => {
    // A source is read one way: by its canonical files, a `sources` mapping or one preset.
    for (const issue of presetConflicts(config.presets, config.sources)) context.addIssue(issue);
    for (const issue of mappingPresetIssues(config.presets, config.sources)) context.addIssue(issue);
  })
  // The Segment, Zendesk and HubSpot presets are shipped mapping files: after validation each becomes the
  // `sources.<source>` entry it stands for (marked with its preset), so ingestion reads it like any mapping.
  .transform((config) => {
    const expanded = mappingPresetSources(config.presets);
    if (Object.keys(expanded).length === 0) return config;
    return { ...config, sources: { ...config.sources, ...expanded } };
  });

export type PulseConfig = z.infer<typeof pulseConfigSchema>;

export const DEFAULT_HEALTH_WEIGHTS = {
  engagement: 0.3,
  usage_trend: 0.2,
  sentiment: 0.2,
  support: 0.15,
  financial: 0.15,
} as const;

/** What every model's build function receives as `context.vars`: the config with as_of resolved. */
export interface PulseVars {
  readonly reportingCurrency: string;
  /** The last day that counts, `YYYY-MM-DD` (config `as_of`, else the latest date in the data). */
  readonly asOf: string;
  readonly valueEvents: readonly string[];
  readonly grossMargin: number;
  readonly renewalGraceDays: number;
  readonly healthWeights: Readonly<Record<keyof typeof DEFAULT_HEALTH_WEIGHTS, number>>;
  /** How many of the highest-MRR accounts of the as-of month get an account page (config `account_pages_top_n`). */
  readonly accountPagesTopN: number;
  /** How many account pages the site builds at most, by priority (config `account_pages_max`). */
  readonly accountPagesMax: number;
  /**
   * Config `min_group_size`, only when set: no model reads it (the marts keep full values); it reaches
   * run_results.json's vars for the report site, which suppresses the cells of smaller groups.
   */
  readonly minGroupSize?: number;
  /**
   * Sources whose export was found in the data folder. Set by `pulse build`; when absent (fixtures), an
   * empty raw table is read as a missing source.
   */
  readonly presentSources?: readonly string[];
}
