export { EventsWorkerError } from './events-pool.js';
export { generate } from './generate.js';
export { DEFAULT_END, GenerateOptionsError, type GenerateSampleOptions } from './generate-options.js';
