import { type AnyModel, defineProject } from '@pulse/core';
import { type PulseConfig, type PulseVars, pulseConfigSchema } from './config.js';
import { stgAccounts } from './staging/stg_accounts.js';
import { resolveVars } from './vars.js';

export const models: readonly AnyModel[] = [stgAccounts];

/** The customer-success project: what `pulse build` ingests and builds. */
export const project = defineProject<PulseConfig, PulseVars>({
  name: 'pulse-customer-success',
  config: pulseConfigSchema,
  sources: [],
  models,
  resolveVars,
  exportLayers: ['marts'],
});
