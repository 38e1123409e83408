export type { PulseConfig, PulseVars } from './config.js';
export { DEFAULT_HEALTH_WEIGHTS, pulseConfigSchema } from './config.js';
export { CONFIG_JSON_SCHEMA_FILE, configJsonSchemaText } from './config-json-schema.js';
export { customerSuccessDigest } from './digest.js';
export { models, project, project as default } from './project.js';
export {
  accountsSource,
  eventsSource,
  fxRatesSource,
  invoicesSource,
  sources,
  spendSource,
  subscriptionsSource,
  surveyResponsesSource,
  ticketsSource,
} from './sources/index.js';
export type * from './sources/raw-tables.js';
export { AsOfError, resolveVars } from './vars.js';
