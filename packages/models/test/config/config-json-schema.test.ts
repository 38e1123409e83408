import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findWorkspaceRoot, loadConfig } from '@pulse/core';
import { describe, expect, it } from 'vitest';
import { CONFIG_JSON_SCHEMA_FILE, configJsonSchemaText, pulseConfigSchema } from '../../src/index.js';

const root = findWorkspaceRoot(import.meta.dirname);

describe('pulse.config.schema.json: the published JSON Schema', () => {
  it('is exactly what the zod schema generates (run `npm run schema` after changing config.ts)', async () => {
    const committed = await readFile(join(root, CONFIG_JSON_SCHEMA_FILE), 'utf8');
    expect(committed).toBe(configJsonSchemaText());
  });

  it('lists every key of the zod schema, and forbids others', () => {
    const schema = JSON.parse(configJsonSchemaText()) as {
      properties: Record<string, unknown>;
      additionalProperties: boolean;
    };
    expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(pulseConfigSchema.in.shape).sort());
    expect(schema.additionalProperties).toBe(false);
  });

  it('the sample config points at it with "$schema", and is valid', async () => {
    const file = join(root, 'data', 'pulse.config.json');
    const sample = JSON.parse(await readFile(file, 'utf8')) as { $schema?: string };
    expect(sample.$schema).toBe(`../${CONFIG_JSON_SCHEMA_FILE}`);
    const { config } = await loadConfig(pulseConfigSchema, file);
    expect(config.reporting_currency).toBe('USD');
  });
});
