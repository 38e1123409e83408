/**
 * Regenerates the committed exports in data/ (see README.md). Deterministic: the same code gives the
 * same bytes on every machine.
 *   npx tsx examples/stripe-saas/generate.ts [--twin DIR]
 * --twin DIR also writes the same company in Pulse's canonical layout (what the presets must derive).
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { exampleFiles, writeFolder } from './generator/index.js';

const { values } = parseArgs({ options: { twin: { type: 'string' } } });
const files = exampleFiles();
writeFolder(fileURLToPath(new URL('./data', import.meta.url)), files.data);
if (values.twin) writeFolder(values.twin, files.twin);
const bytes = Object.values(files.data).reduce((sum, text) => sum + Buffer.byteLength(text), 0);
console.log(
  `examples/stripe-saas/data: ${Object.keys(files.data).length} files, ${Math.round(bytes / 1024)} KB`,
);
