import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig, type Warehouse } from '@pulse/core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_HEALTH_WEIGHTS, pulseConfigSchema, resolveVars } from '../../src/index.js';

/** The message `pulse` prints for this config file content (ConfigError, exit 2). */
async function configError(content: object): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pulse-config-'));
  const file = join(dir, 'pulse.config.json');
  try {
    await writeFile(file, JSON.stringify(content));
    const error = await loadConfig(pulseConfigSchema, file).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message.replaceAll(file, 'pulse.config.json');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('pulse.config.json: the project schema', () => {
  it('an empty config gives every default', () => {
    expect(pulseConfigSchema.parse({})).toEqual({
      engine: 'duckdb',
      reporting_currency: 'USD',
      value_events: ['value_moment'],
      gross_margin: 0.8,
      renewal_grace_days: 30,
      health_weights: {},
      max_age_hours: {},
      account_pages_top_n: 200,
      account_pages_max: 500,
      max_shrink: 0.5,
      targets: [{ metric: 'mrr_monthly.logo_churn_rate', segment: 'all', operator: '<', threshold: 0.05 }],
    });
  });

  it('takes every key; the currency is upper-cased', () => {
    const config = {
      $schema: './pulse.config.schema.json',
      engine: 'postgres',
      reporting_currency: 'eur',
      as_of: '2026-10-15',
      value_events: ['value_moment', 'report_shared'],
      gross_margin: 0.75,
      renewal_grace_days: 0,
      health_weights: { engagement: 0.4, usage_trend: 0.1, sentiment: 0.2, support: 0.2, financial: 0.1 },
      max_age_hours: { events: 24, invoices: 72 },
      account_pages_top_n: 50,
      account_pages_max: 80,
      max_shrink: 0.9,
      min_group_size: 5,
      targets: [{ metric: 'mrr_monthly.nrr', segment: 'enterprise', operator: '>' as const, threshold: 1 }],
    };
    expect(pulseConfigSchema.parse(config)).toEqual({ ...config, reporting_currency: 'EUR' });
  });

  it('a partial health_weights keeps the default of every weight it does not name', async () => {
    const config = pulseConfigSchema.parse({ as_of: '2026-10-15', health_weights: { engagement: 0.5 } });
    // With as_of set, resolving the vars reads no data.
    const vars = await resolveVars(undefined as unknown as Warehouse, config);
    expect(vars.healthWeights).toEqual({ ...DEFAULT_HEALTH_WEIGHTS, engagement: 0.5 });
  });

  it('min_group_size is off unless set to a positive whole number, and reaches the vars only when set', async () => {
    // With as_of set, resolving the vars reads no data.
    const off = pulseConfigSchema.parse({ as_of: '2026-10-15' });
    expect(off.min_group_size).toBeUndefined();
    expect(await resolveVars(undefined as unknown as Warehouse, off)).not.toHaveProperty('minGroupSize');
    const unset = pulseConfigSchema.parse({ as_of: '2026-10-15', min_group_size: null });
    expect(unset.min_group_size).toBeNull();
    expect(await resolveVars(undefined as unknown as Warehouse, unset)).not.toHaveProperty('minGroupSize');
    const set = pulseConfigSchema.parse({ as_of: '2026-10-15', min_group_size: 5 });
    expect(set.min_group_size).toBe(5);
    expect((await resolveVars(undefined as unknown as Warehouse, set)).minGroupSize).toBe(5);
    expect(pulseConfigSchema.parse({ min_group_size: 1 }).min_group_size).toBe(1);
  });

  it.each([
    [{ min_group_size: 0 }, 'min_group_size: Too small'],
    [{ min_group_size: -3 }, 'min_group_size: Too small'],
    [{ min_group_size: 2.5 }, 'min_group_size: Invalid input: expected int'],
    [{ min_group_size: '5' }, 'min_group_size: Invalid input: expected number'],
    [{ engine: 'oracle' }, 'engine: Invalid option: expected one of "duckdb"|"postgres"'],
    [{ reporting_currency: 'dollars' }, 'reporting_currency: must be an ISO 4217 code such as "USD"'],
    [{ reporting_currency: 'XYZ' }, 'reporting_currency: "XYZ" is not an ISO 4217 currency code'],
    [{ as_of: '15/10/2026' }, 'as_of: must be a date written YYYY-MM-DD'],
    [{ value_events: [] }, 'value_events: Too small'],
    [{ gross_margin: 0 }, 'gross_margin: Too small'],
    [{ gross_margin: 1.2 }, 'gross_margin: Too big'],
    [{ renewal_grace_days: 1.5 }, 'renewal_grace_days: Invalid input: expected int'],
    [
      { health_weights: { engagment: 0.3 } },
      'health_weights: unknown key "engagment" (did you mean "engagement"?)',
    ],
    [
      { reporting_curency: 'USD' },
      '(top level): unknown key "reporting_curency" (did you mean "reporting_currency"?)',
    ],
    [{ presets: { strip: {} } }, 'presets: unknown key "strip" (did you mean "stripe"?)'],
    [{ presets: { stripe: { pth: 'x' } } }, 'presets.stripe: unknown key "pth" (did you mean "path"?)'],
    [{ health_weights: { support: -1 } }, 'health_weights.support: Too small'],
    [{ max_age_hours: { events: 0 } }, 'max_age_hours.events: Too small'],
    [{ max_shrink: 1.5 }, 'max_shrink: Too big'],
    [{ account_pages_max: -1 }, 'account_pages_max: Too small'],
    [{ colour: 'red' }, '(top level): unknown key "colour"'],
    [{ $schema: 42 }, '$schema: Invalid input: expected string'],
  ])('rejects %j, naming the key', async (content, expected) => {
    expect(await configError(content)).toContain(`pulse.config.json: ${expected}`);
  });

  it.each([
    [
      { sources: { accounts: { columns: { acount_id: 'Record ID' } } } },
      'sources.accounts.columns.acount_id: unknown column of accounts; did you mean account_id?',
    ],
    [
      { sources: { accounts: { columns: { colour: 'Colour' } } } },
      'sources.accounts.columns.colour: unknown column of accounts (its columns are account_id, name, created_at, segment, region, acquisition_channel)',
    ],
    [{ sources: { acounts: { columns: {} } } }, 'sources.acounts: unknown source; did you mean accounts?'],
    [
      { sources: { accounts: { columns: { account_id: 'Record ID', name: ' record id' } } } },
      'sources.accounts.columns.name: " record id" is already mapped to accounts.account_id',
    ],
    [
      { sources: { accounts: { columns: { name: ' ' } } } },
      'sources.accounts.columns.name: must name a column',
    ],
    [{ sources: { accounts: { colums: {} } } }, 'sources.accounts: unknown key "colums"'],
    [
      { sources: { accounts: { formats: { created_at: 'epoch_us' } } } },
      'sources.accounts.formats.created_at: unknown format "epoch_us" for a timestamp column: use iso, epoch_s, epoch_ms or a strptime pattern',
    ],
    [
      { sources: { subscriptions: { formats: { start_date: '%d/%m/%Q' } } } },
      'sources.subscriptions.formats.start_date: "%d/%m/%Q" is not a strptime pattern: %Q is not a directive',
    ],
    [
      { sources: { subscriptions: { formats: { start_date: '%d/%m/%' } } } },
      'sources.subscriptions.formats.start_date: "%d/%m/%" is not a strptime pattern: % at the end is not a directive',
    ],
    [
      { sources: { subscriptions: { formats: { amount: 'cents' } } } },
      'sources.subscriptions.formats.amount: unknown format "cents" for a money column: use decimal or minor_units',
    ],
    [
      { sources: { accounts: { formats: { created_at: ['iso', '%d/%m/%Q'] } } } },
      'sources.accounts.formats.created_at: "%d/%m/%Q" is not a strptime pattern: %Q is not a directive',
    ],
    [
      { sources: { accounts: { formats: { created_at: [] } } } },
      'sources.accounts.formats.created_at: an empty list of formats: give at least one',
    ],
    [
      { sources: { subscriptions: { formats: { amount: ['minor_units'] } } } },
      'sources.subscriptions.formats.amount: a list of formats is for timestamp, date and month columns; give amount one format',
    ],
    [
      { sources: { accounts: { formats: { name: 'epoch_s' } } } },
      'sources.accounts.formats.name: formats apply to timestamp, date, month and money columns; name is string',
    ],
    [
      { sources: { accounts: { formats: { create_at: 'epoch_s' } } } },
      'sources.accounts.formats.create_at: unknown column of accounts; did you mean created_at?',
    ],
    [
      { sources: { accounts: { values: { segmnt: { 'Tier 1': 'enterprise' } } } } },
      'sources.accounts.values.segmnt: unknown column of accounts; did you mean segment?',
    ],
    [
      { sources: { accounts: { values: { segment: { 'Tier 1': 1 } } } } },
      'sources.accounts.values.segment.Tier 1: Invalid input: expected string',
    ],
    [
      { sources: { accounts: { path: '/srv/crm.csv' } } },
      'sources.accounts.path: must be relative to the data folder',
    ],
    [
      { sources: { accounts: { path: '../crm.csv' } } },
      'sources.accounts.path: must be relative to the data folder',
    ],
    [
      { sources: { accounts: { path: 'crm/' }, tickets: { path: './crm' } } },
      'sources.tickets.path: "./crm" is already the path of sources.accounts',
    ],
    [
      { sources: { events: { table: 'segment.tracks', path: 'events/' } } },
      'sources.events.table: a source is read from files (path) or from a PostgreSQL table (table), not both',
    ],
    [
      { sources: { events: { table: 'segment.tracks; drop table x' } } },
      'sources.events.table: must name a table or view of the PostgreSQL target as schema.table',
    ],
    [
      { sources: { events: { key: ['id'] } } },
      'sources.events.key: key numbers the rows of a PostgreSQL table source: set sources.events.table, or drop key',
    ],
    [
      { sources: { events: { table: 'segment.tracks', formats: { occurred_at: '%d/%m/%Y' } } } },
      'sources.events.formats.occurred_at: strptime patterns are for export files',
    ],
    [
      {
        sources: {
          events: { table: 'segment.tracks', formats: { occurred_at: ['iso', '%Y-%m-%d %H:%M:%S UTC'] } },
        },
      },
      'sources.events.formats.occurred_at: strptime patterns are for export files',
    ],
  ])('sources: rejects %j, naming the key path', async (content, expected) => {
    expect(await configError(content)).toContain(`pulse.config.json: ${expected}`);
  });

  it('sources: takes a PostgreSQL table with its key', () => {
    const sources = {
      events: {
        table: 'segment.tracks',
        key: ['id'],
        columns: { event_id: 'message_id', account_id: 'context.groupId' },
        formats: { occurred_at: 'epoch_ms' },
      },
    };
    expect(pulseConfigSchema.parse({ sources }).sources).toEqual(sources);
  });

  it('sources: takes a column mapping per canonical source', () => {
    const sources = {
      accounts: {
        path: 'crm/companies.csv',
        columns: { account_id: 'Record ID', created_at: 'Create Date' },
      },
    };
    expect(pulseConfigSchema.parse({ sources }).sources).toEqual(sources);
  });

  it('max_age_hours only takes source names, and suggests the nearest', async () => {
    const message = await configError({ max_age_hours: { evnts: 24, invoices: 72 } });
    expect(message).toContain(
      'pulse.config.json: max_age_hours.evnts: unknown source "evnts" (did you mean "events"?); the sources are ' +
        'accounts, fx_rates, subscriptions, invoices, events, tickets, survey_responses, spend',
    );
    expect(message).not.toContain('invoices:');
  });
});
