// Each preset option's documented default (its description in the config schema, which the JSON Schema
// and the docs are made from) is what the preset does when the option is left out.
import { describe, expect, it } from 'vitest';
import { configJsonSchemaText, pulseConfigSchema } from '../../src/index.js';
import { stripePreset } from '../../src/presets/stripe/stripe-preset.js';

interface Described {
  readonly description?: string;
  readonly properties?: Record<string, Described>;
  readonly anyOf?: readonly Described[];
}

/** The description of presets.<preset>.<option> in the published JSON Schema. */
function described(preset: string, option: string): string {
  const root = JSON.parse(configJsonSchemaText()) as Described;
  const presets = root.properties!.presets!;
  const object = (node: Described): Described => node.anyOf?.find((branch) => branch.properties) ?? node;
  const text = object(object(presets).properties![preset]!).properties![option]?.description;
  if (text === undefined) throw new Error(`presets.${preset}.${option} has no description`);
  return text;
}

/** The `sources.<source>` entry a config of only `presets.<preset>` (with `options`) expands into. */
function expanded(preset: string, source: string, options: Record<string, unknown> = {}) {
  const config = pulseConfigSchema.parse({ presets: { [preset]: options } });
  return (config.sources as Record<string, { path: string; columns: Record<string, string> }>)[source]!;
}

describe('preset defaults: as described, so done', () => {
  it('segment: path, and the account id column of each layout', () => {
    const warehouse = expanded('segment', 'events');
    const json = expanded('segment', 'events', { layout: 'json' });
    expect(described('segment', 'path')).toContain(`(default "${warehouse.path}")`);
    expect(described('segment', 'account_id')).toBe(
      `the column holding the account id (default ${warehouse.columns.account_id}; ${json.columns.account_id} for the json layout)`,
    );
    expect([warehouse.columns.account_id, json.columns.account_id]).toEqual([
      'context_group_id',
      'context.groupId',
    ]);
  });

  it('zendesk: path, and the account id column of the default and csv layouts', () => {
    const fivetran = expanded('zendesk', 'tickets');
    const csv = expanded('zendesk', 'tickets', { layout: 'csv' });
    expect(described('zendesk', 'path')).toContain(`(default "${fivetran.path}")`);
    expect(described('zendesk', 'account_id')).toBe(
      `the column holding the account id (default ${fivetran.columns.account_id}; ${csv.columns.account_id} for the csv layout)`,
    );
  });

  it('hubspot: path, account id and region columns', () => {
    const accounts = expanded('hubspot', 'accounts');
    expect(described('hubspot', 'path')).toContain(`(default "${accounts.path}")`);
    expect(described('hubspot', 'account_id')).toContain(`(default "${accounts.columns.account_id}")`);
    expect(described('hubspot', 'region')).toContain(`(default "${accounts.columns.region}")`);
  });

  it('stripe: path', () => {
    const config = pulseConfigSchema.parse({ presets: { stripe: {} } });
    expect(described('stripe', 'path')).toContain(`(default "${stripePreset.path(config)}")`);
  });
});
