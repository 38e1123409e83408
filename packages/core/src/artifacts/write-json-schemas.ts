import { writeFile } from 'node:fs/promises';
import { generateJsonSchema, JSON_SCHEMA_FILES } from './json-schemas.js';

// `npm run schemas -w @pulse/core`: regenerates packages/core/schemas from the zod schemas.
for (const file of Object.keys(JSON_SCHEMA_FILES) as (keyof typeof JSON_SCHEMA_FILES)[]) {
  const target = new URL(`../../schemas/${file}`, import.meta.url);
  await writeFile(target, generateJsonSchema(file));
  console.log(`wrote ${target.pathname}`);
}
