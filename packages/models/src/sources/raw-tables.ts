import { type DatabaseOf, externalRelation } from '@pulse/core';

/**
 * The typed tables ingestion writes to schema `raw` (one per source of CONTRACT.md), holding only the rows
 * that passed validation. Contract defaults are already applied (segment/region/acquisition_channel
 * `unknown`, is_trial false, priority `normal`), currency codes are upper-case, timestamps are UTC
 * TIMESTAMP, spend.month is the first day of its month. Money is still in its own currency: staging converts.
 * `_file` (path relative to the data folder) and `_line` (1-based physical line, header = 1; Parquet row
 * index) point back at the exported row for error messages.
 */
interface Lineage {
  _file: string;
  _line: number;
}

export interface RawAccounts extends Lineage {
  account_id: string;
  name: string | null;
  created_at: Date;
  segment: string;
  region: string;
  acquisition_channel: string;
}

export interface RawSubscriptions extends Lineage {
  subscription_id: string;
  account_id: string;
  plan: string;
  billing_interval: 'month' | 'quarter' | 'year';
  amount: number;
  currency: string;
  start_date: string;
  end_date: string | null;
  is_trial: boolean;
}

export interface RawInvoices extends Lineage {
  invoice_id: string;
  account_id: string;
  issued_at: Date;
  amount: number;
  currency: string;
  status: 'paid' | 'open' | 'void' | 'refunded';
}

export interface RawEvents extends Lineage {
  event_id: string | null;
  account_id: string;
  user_id: string;
  event_name: string;
  occurred_at: Date;
}

export interface RawTickets extends Lineage {
  ticket_id: string;
  account_id: string;
  created_at: Date;
  first_response_at: Date | null;
  resolved_at: Date | null;
  priority: 'low' | 'normal' | 'high' | 'urgent';
  channel: string | null;
}

export interface RawSurveyResponses extends Lineage {
  response_id: string;
  account_id: string;
  user_id: string | null;
  survey: 'nps' | 'csat';
  score: number;
  responded_at: Date;
  comment: string | null;
}

export interface RawSpend extends Lineage {
  month: string;
  channel: string;
  category: 'marketing' | 'sales';
  amount: number;
  currency: string;
}

export interface RawFxRates extends Lineage {
  date: string;
  currency: string;
  rate: number;
}

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
