import { z } from 'zod';
import { pulseConfigSchema } from './config.js';

/** Where the published JSON Schema lives, relative to the workspace root (`"$schema"` of a config). */
export const CONFIG_JSON_SCHEMA_FILE = 'pulse.config.schema.json';

/**
 * The JSON Schema of `pulse.config.json`, derived from the zod schema that validates it (one source of
 * truth): what a user may write, so defaults are optional keys (`io: 'input'`). Checks that only code can
 * make (unknown source names, did-you-mean) stay in zod; the JSON Schema is for editors' completion.
 */
export function configJsonSchemaText(): string {
  const schema = z.toJSONSchema(pulseConfigSchema, { io: 'input' });
  const titled = {
    $schema: schema.$schema,
    title: 'pulse.config.json',
    description:
      'Configuration of a Pulse project (generated from packages/models/src/config.ts: npm run schema)',
    ...schema,
  };
  return `${JSON.stringify(titled, null, 2)}\n`;
}
