import {
  accountsSource,
  eventsSource,
  invoicesSource,
  spendSource,
  subscriptionsSource,
  surveyResponsesSource,
  ticketsSource,
} from '@pulse/models';
import type { AccountProfile } from './account-profile.js';
import { formatDay } from './calendar.js';
import type { CsvValue } from './csv.js';
import { type CsvTable, sourceTable } from './csv-table.js';
import type { InvoiceRecord } from './invoices.js';
import type { Period } from './period-log.js';
import type { SurveyRecord } from './surveys.js';
import type { TicketRecord } from './tickets.js';
import { formatTimestamp, type TimestampStyle } from './timestamp-format.js';

/** accounts.csv comes from a CRM whose header uses other case and padding (matched after trim, any case). */
export const ACCOUNTS = sourceTable(accountsSource, {
  labels: {
    account_id: ' Account_ID ',
    name: ' Name',
    created_at: 'Created_At',
    segment: 'SEGMENT',
    region: 'Region ',
  },
});
/** Billing exports list the account first: column order is not the contract's. */
export const SUBSCRIPTIONS = sourceTable(subscriptionsSource, { first: ['account_id'] });
export const INVOICES = sourceTable(invoicesSource);
/** `subject` is not in the contract: an unknown extra column is ignored (with a warning). */
export const TICKETS = sourceTable(ticketsSource, { extra: ['subject'] });
export const SURVEY_RESPONSES = sourceTable(surveyResponsesSource);
/** The finance sheet lists the channel first and the amount last. */
/** The contract's order; rows are written by hand in it (events.ts, the hot path). */
export const EVENTS = sourceTable(eventsSource);
export const SPEND = sourceTable(spendSource, { first: ['channel', 'category', 'month', 'currency'] });

type Fields<T> = T extends CsvTable<infer C> ? Record<C, CsvValue> : never;

function offsetStyle(profile: AccountProfile): TimestampStyle {
  if (profile.region === 'EMEA') return '+01:00';
  if (profile.region === 'APAC') return '+09:00';
  return '-05:00';
}

/** The CRM writes most signups in UTC, some without an offset and some in the account's local time. */
function crmStyle(profile: AccountProfile): TimestampStyle {
  const kind = profile.index % 9;
  return kind === 0 ? 'naive' : kind === 4 ? offsetStyle(profile) : 'utc';
}

/** The helpdesk of North American accounts exports local time with its offset. */
function helpdeskStyle(profile: AccountProfile): TimestampStyle {
  return profile.region === 'NA' && profile.index % 2 === 0 ? '-05:00' : 'utc';
}

function currencyCode(profile: AccountProfile): string {
  return profile.legacyBilling ? profile.currency.toLowerCase() : profile.currency;
}

function money(amount: number): string {
  return amount.toFixed(2);
}

export function accountFields(profile: AccountProfile): Fields<typeof ACCOUNTS> {
  return {
    account_id: profile.id,
    name: profile.name,
    created_at: formatTimestamp(profile.createdAt, crmStyle(profile)),
    segment: profile.segment,
    region: profile.region,
    acquisition_channel: profile.channel,
  };
}

/** Legacy billing writes booleans as `1`/`0`, and sometimes leaves a false flag empty (defaults to false). */
function trialFlag(profile: AccountProfile, period: Period): string {
  if (!profile.legacyBilling) return String(period.isTrial);
  if (period.isTrial) return '1';
  return period.start % 2 === 0 ? '0' : '';
}

export function subscriptionFields(profile: AccountProfile, period: Period): Fields<typeof SUBSCRIPTIONS> {
  return {
    account_id: profile.id,
    subscription_id: period.subscriptionId,
    plan: period.plan,
    billing_interval: period.interval,
    amount: money(period.amount),
    currency: currencyCode(profile),
    start_date: formatDay(period.start),
    end_date: period.end === null ? null : formatDay(period.end),
    is_trial: trialFlag(profile, period),
  };
}

export function invoiceFields(profile: AccountProfile, invoice: InvoiceRecord): Fields<typeof INVOICES> {
  return {
    invoice_id: invoice.id,
    account_id: profile.id,
    issued_at: formatTimestamp(invoice.issuedAt, profile.legacyBilling ? 'naive' : 'utc'),
    amount: money(invoice.amount),
    currency: currencyCode(profile),
    status: invoice.status,
  };
}

export function ticketFields(profile: AccountProfile, ticket: TicketRecord): Fields<typeof TICKETS> {
  const style = helpdeskStyle(profile);
  const stamp = (instant: number | null) => (instant === null ? null : formatTimestamp(instant, style));
  return {
    ticket_id: ticket.id,
    account_id: profile.id,
    created_at: stamp(ticket.createdAt),
    first_response_at: stamp(ticket.firstResponseAt),
    resolved_at: stamp(ticket.resolvedAt),
    priority: ticket.priority,
    channel: ticket.channel,
    subject: ticket.subject,
  };
}

export function surveyFields(
  profile: AccountProfile,
  response: SurveyRecord,
): Fields<typeof SURVEY_RESPONSES> {
  return {
    response_id: response.id,
    account_id: profile.id,
    user_id: response.userId,
    survey: response.survey,
    score: response.score,
    responded_at: formatTimestamp(response.respondedAt, response.survey === 'csat' ? 'millis' : 'utc'),
    comment: response.comment,
  };
}
