// The Segment warehouse `tracks` table exported as CSV: one row per track call, `id` the messageId,
// context fields flattened to context_<field> (context.groupId → context_group_id, the Stripe customer id
// here), `event` the snake_case slug of the event name and `event_text` the name as sent, timestamps in
// ISO 8601 UTC. Two real-world wrinkles are kept: a call delivered twice (same id: counted once) and an
// anonymous call from the marketing site (no user, no group: quarantined).
import { isoTimestamp, sqlTimestamp } from './calendar.js';
import { csvOfRecords } from './csv.js';
import type { Random } from './random.js';
import type { AccountUsage } from './usage.js';

/** The value moment of this product (pulse.config.json `value_events`). */
export const VALUE_EVENT = 'payment_run_completed';

const EVENTS = [
  'Invoice Uploaded',
  'Invoice Approved',
  'Dashboard Viewed',
  'Report Exported',
  'Payment Run Completed',
];
// Sparse on purpose: the example stays small enough to commit (well under 1 MB in all).
const PER_LEVEL = {
  high: { users: 2, days: 2 },
  medium: { users: 1, days: 2 },
  low: { users: 1, days: 1 },
} as const;

export const TRACKS_HEADER = [
  'id',
  'anonymous_id',
  'context_group_id',
  'context_library_name',
  'context_library_version',
  'event',
  'event_text',
  'original_timestamp',
  'received_at',
  'sent_at',
  'timestamp',
  'user_id',
  'uuid_ts',
] as const;

interface Call {
  readonly id: string;
  readonly anonymousId: string;
  readonly group: string | null;
  readonly user: string | null;
  readonly name: string;
  readonly at: number;
}

export const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '_');

export type TrackRow = Record<(typeof TRACKS_HEADER)[number], string | null>;

export function segmentTracks(
  usage: readonly AccountUsage[],
  random: Random,
): { files: Record<string, string>; rows: TrackRow[] } {
  const calls: Call[] = [];
  for (const { account, users, valueAt, months } of usage) {
    if (valueAt !== null) {
      const user = users[0]!;
      calls.push({
        id: random.uuid(),
        anonymousId: user.anonymousId,
        group: account.id,
        user: user.id,
        name: 'Payment Run Completed',
        at: valueAt,
      });
    }
    for (const month of months) {
      const { users: active, days } = PER_LEVEL[month.level];
      for (const user of users.slice(0, active)) {
        for (let d = 0; d < days; d++) {
          const when = month.start + Math.floor(random.next() * (month.end - month.start));
          // Before the value moment, people upload and look around; they have not paid anyone yet.
          const names = valueAt !== null && when > valueAt ? EVENTS : EVENTS.slice(0, 3);
          calls.push({
            id: random.uuid(),
            anonymousId: user.anonymousId,
            group: account.id,
            user: user.id,
            name: random.pick(names),
            at: when,
          });
        }
      }
    }
  }
  calls.sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
  // A retried delivery: the same call twice, as Segment's at-least-once delivery allows.
  const retried = calls[Math.floor(calls.length / 3)]!;
  calls.splice(calls.indexOf(retried) + 1, 0, retried);
  // A visitor of the pricing page, never identified: no user, no group.
  const anonymous = calls[Math.floor((calls.length * 2) / 3)]!;
  calls.splice(calls.indexOf(anonymous) + 1, 0, {
    id: random.uuid(),
    anonymousId: random.uuid(),
    group: null,
    user: null,
    name: 'Pricing Page Viewed',
    at: anonymous.at + 1_000,
  });

  const rows = calls.map((call): TrackRow => {
    const sent = call.at + 800;
    const received = sent + 350;
    return {
      id: call.id,
      anonymous_id: call.anonymousId,
      context_group_id: call.group,
      context_library_name: 'analytics.js',
      context_library_version: 'next-1.70.0',
      event: slug(call.name),
      event_text: call.name,
      original_timestamp: isoTimestamp(call.at),
      received_at: isoTimestamp(received),
      sent_at: isoTimestamp(sent),
      timestamp: isoTimestamp(call.at),
      user_id: call.user,
      uuid_ts: `${sqlTimestamp(received + 4_000)}.000`,
    };
  });
  return { files: { 'segment/tracks.csv': csvOfRecords(TRACKS_HEADER, rows) }, rows };
}
