// The same company written in Pulse's canonical layout (CONTRACT.md): what the presets must read out of
// the vendor exports, rows they quarantine left out. Never committed; the end-to-end test builds it
// beside the example and compares the marts, so a preset that misreads a Stripe table shows up as a
// difference in MRR rather than as a silently different number on the site.
import type { CanonicalPeriod } from './billing.js';
import { isoTimestamp, minuteTimestamp } from './calendar.js';
import { csvOfRecords } from './csv.js';
import type { Company } from './ledgerly.js';
import { CHANNEL_VALUES, SEGMENT_VALUES } from './mapped-values.js';
import type { TrackRow } from './segment-tracks.js';
import type { Ticket } from './zendesk-tickets.js';

export function canonicalTwin(
  company: Company,
  tracks: readonly TrackRow[],
  tickets: readonly Ticket[],
): Record<string, string> {
  const withStripeId = company.companies.filter((c) => c.stripeCustomerId !== null);
  return {
    'accounts.csv': csvOfRecords(
      ['account_id', 'name', 'created_at', 'segment', 'region', 'acquisition_channel'],
      withStripeId.map((c) => ({
        account_id: c.stripeCustomerId,
        name: c.story.name,
        // HubSpot writes minutes: the twin keeps exactly what the export says.
        created_at: `${minuteTimestamp(c.created).replace(' ', 'T')}:00Z`,
        segment: SEGMENT_VALUES[c.story.tier],
        region: c.story.country,
        acquisition_channel: CHANNEL_VALUES[c.story.source],
      })),
    ),
    'subscriptions.csv': csvOfRecords(
      [
        'subscription_id',
        'account_id',
        'plan',
        'billing_interval',
        'amount',
        'currency',
        'start_date',
        'end_date',
        'is_trial',
      ],
      company.twin.subscriptions.map((p: CanonicalPeriod) => ({ ...p })),
    ),
    'invoices.csv': csvOfRecords(
      ['invoice_id', 'account_id', 'issued_at', 'amount', 'currency', 'status'],
      company.twin.invoices.map((i) => ({ ...i, issued_at: isoTimestamp(i.issued_at) })),
    ),
    'events.csv': csvOfRecords(
      ['event_id', 'account_id', 'user_id', 'event_name', 'occurred_at'],
      tracks
        .filter((t) => t.context_group_id !== null && t.user_id !== null)
        .map((t) => ({
          event_id: t.id,
          account_id: t.context_group_id,
          user_id: t.user_id,
          event_name: t.event,
          occurred_at: t.timestamp,
        })),
    ),
    'tickets.csv': csvOfRecords(
      ['ticket_id', 'account_id', 'created_at', 'first_response_at', 'resolved_at', 'priority', 'channel'],
      tickets
        .filter((t) => t.accountId !== null)
        .map((t) => ({
          ticket_id: t.id,
          account_id: t.accountId,
          created_at: isoTimestamp(Math.floor(t.created / 1000) * 1000),
          first_response_at: null,
          resolved_at: t.solved === null ? null : isoTimestamp(Math.floor(t.solved / 1000) * 1000),
          priority: t.priority.toLowerCase(),
          channel: t.via,
        })),
    ),
  };
}
