import { type AnyModel, defineProject } from '@pulse/core';
import { type PulseConfig, type PulseVars, pulseConfigSchema } from './config.js';
import { customerModels } from './customer-models.js';
import { customerSuccessDigest } from './digest.js';
import { stripePreset } from './presets/stripe/stripe-preset.js';
import { revenueModels } from './revenue-models.js';
import { sources } from './sources/index.js';
import { resolveVars } from './vars.js';

export const models: readonly AnyModel[] = [...revenueModels, ...customerModels];

/** The customer-success project: what `pulse build` ingests and builds. */
export const project = defineProject<PulseConfig, PulseVars>({
  name: 'pulse-customer-success',
  config: pulseConfigSchema,
  sources,
  presets: [stripePreset],
  models,
  resolveVars,
  exportLayers: ['marts'],
  // Named, not imported: @pulse/generator reads these source declarations, so it depends on this package
  // and is loaded by `pulse generate` only (packages/core/src/project/load-generator.ts).
  generate: '@pulse/generator',
  // `pulse diff` names the accounts whose MRR history moved between two published runs.
  accountHistory: { model: 'mrr_account_months', key: 'account_id', value: 'mrr' },
  // `pulse digest` and the site's overview: the latest complete month in plain words.
  digest: customerSuccessDigest,
});
