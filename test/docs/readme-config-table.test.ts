// The README's configuration table documents every key pulse.config.json accepts: the keys of the
// config's JSON Schema (generated from the zod schema that validates the file, `npm run schema`).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/site-build.js';

const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'pulse.config.schema.json'), 'utf8')) as {
  properties: Record<string, unknown>;
};

/** The first cell of every row of the table headed `| key | type | default | meaning |`. */
function configTableKeys(): string[] {
  const lines = readme.split('\n');
  const start = lines.findIndex((line) =>
    /^\|\s*key\s*\|\s*type\s*\|\s*default\s*\|\s*meaning\s*\|/.test(line),
  );
  expect(start, 'README.md has the config table').toBeGreaterThanOrEqual(0);
  const rows: string[] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.split('|')[1]!.trim().replace(/^`|`$/g, ''));
  }
  return rows;
}

describe('the README config table', () => {
  it('has a row for every key of pulse.config.json', () => {
    const documented = configTableKeys();
    expect(Object.keys(schema.properties).filter((key) => !documented.includes(key))).toEqual([]);
  });
});
