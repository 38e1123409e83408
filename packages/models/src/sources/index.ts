import type { SourceDefinition } from '@pulse/core';
import { accountsSource } from './accounts.js';
import { eventsSource } from './events.js';
import { fxRatesSource } from './fx_rates.js';
import { invoicesSource } from './invoices.js';
import type { SourceConfig } from './source-config.js';
import { spendSource } from './spend.js';
import { subscriptionsSource } from './subscriptions.js';
import { surveyResponsesSource } from './survey_responses.js';
import { ticketsSource } from './tickets.js';

/**
 * The raw sources of CONTRACT.md in ingestion order: accounts first (everything references it), fx_rates
 * before every source that converts money.
 */
export const sources: readonly SourceDefinition<SourceConfig>[] = [
  accountsSource,
  fxRatesSource,
  subscriptionsSource,
  invoicesSource,
  eventsSource,
  ticketsSource,
  surveyResponsesSource,
  spendSource,
];

export {
  accountsSource,
  eventsSource,
  fxRatesSource,
  invoicesSource,
  spendSource,
  subscriptionsSource,
  surveyResponsesSource,
  ticketsSource,
};
