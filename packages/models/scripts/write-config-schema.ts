import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findWorkspaceRoot } from '@pulse/core';
import { CONFIG_JSON_SCHEMA_FILE, configJsonSchemaText } from '../src/config-json-schema.js';

/** `npm run schema`: rewrites pulse.config.schema.json at the workspace root from the zod schema. */
const file = join(findWorkspaceRoot(process.cwd()), CONFIG_JSON_SCHEMA_FILE);
await writeFile(file, configJsonSchemaText());
console.log(`wrote ${file}`);
