import { type DatabaseOf, externalRelation, type RawRow } from '@pulse/core';
import type { accountsSource } from './accounts.js';
import type { eventsSource } from './events.js';
import type { fxRatesSource } from './fx_rates.js';
import type { invoicesSource } from './invoices.js';
import type { spendSource } from './spend.js';
import type { subscriptionsSource } from './subscriptions.js';
import type { surveyResponsesSource } from './survey_responses.js';
import type { ticketsSource } from './tickets.js';

/**
 * The typed tables ingestion writes to schema `raw` (one per source of CONTRACT.md), holding only the rows
 * that passed validation, derived from the source declarations (`RawRow`, packages/core/src/ingest/raw-row.ts):
 * a required column or one with a default is never null, an enum is the union of its values. Contract defaults
 * are already applied (segment/region/acquisition_channel `unknown`, is_trial false, priority `normal`),
 * currency codes are upper-case, timestamps are UTC TIMESTAMP (`Date`), dates and spend.month (the first day
 * of its month) are `'YYYY-MM-DD'`. Money is still in its own currency: staging converts. `_file` and `_line`
 * point back at the exported row for error messages.
 */
export type RawAccounts = RawRow<typeof accountsSource>;
export type RawSubscriptions = RawRow<typeof subscriptionsSource>;
export type RawInvoices = RawRow<typeof invoicesSource>;
export type RawEvents = RawRow<typeof eventsSource>;
export type RawTickets = RawRow<typeof ticketsSource>;
export type RawSurveyResponses = RawRow<typeof surveyResponsesSource>;
export type RawSpend = RawRow<typeof spendSource>;
export type RawFxRates = RawRow<typeof fxRatesSource>;

/** The `raw` tables as model inputs: `inputs: [rawAccounts, stgFxRates]`. */
export const rawAccounts = externalRelation('raw.accounts').withRows<RawAccounts>();
export const rawSubscriptions = externalRelation('raw.subscriptions').withRows<RawSubscriptions>();
export const rawInvoices = externalRelation('raw.invoices').withRows<RawInvoices>();
export const rawEvents = externalRelation('raw.events').withRows<RawEvents>();
export const rawTickets = externalRelation('raw.tickets').withRows<RawTickets>();
export const rawSurveyResponses = externalRelation('raw.survey_responses').withRows<RawSurveyResponses>();
export const rawSpend = externalRelation('raw.spend').withRows<RawSpend>();
export const rawFxRates = externalRelation('raw.fx_rates').withRows<RawFxRates>();

const rawRelations = [
  rawAccounts,
  rawSubscriptions,
  rawInvoices,
  rawEvents,
  rawTickets,
  rawSurveyResponses,
  rawSpend,
  rawFxRates,
] as const;

/** Kysely database type of schema `raw`. An optional source that is absent is an empty table, never missing. */
export type RawTables = DatabaseOf<typeof rawRelations>;
