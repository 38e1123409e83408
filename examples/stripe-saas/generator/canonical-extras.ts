// The sources no preset covers, in Pulse's own canonical layout (CONTRACT.md): exchange rates, survey
// responses and acquisition spend. They sit beside the vendor folders in the same data folder.
import { AS_OF_END } from './billing.js';
import { addMonths, at, DAY, isoDate, isoTimestamp, monthOf } from './calendar.js';
import { FIRST_MONTH } from './company.js';
import { csvOfRecords } from './csv.js';
import type { Random } from './random.js';
import type { AccountUsage } from './usage.js';
import type { Ticket } from './zendesk-tickets.js';

/** One EUR and one JPY rate (in USD) per business day, from a month before the first invoice. */
export function fxRates(random: Random): string {
  const rows: { date: string; currency: string; rate: string }[] = [];
  let eur = 1.085;
  let jpy = 0.00645;
  for (let day = at('2025-05-01'); day <= AS_OF_END; day += DAY) {
    const weekday = new Date(day).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    eur *= 1 + (random.next() - 0.48) * 0.006;
    jpy *= 1 + (random.next() - 0.5) * 0.008;
    rows.push({ date: isoDate(day), currency: 'EUR', rate: eur.toFixed(6) });
    rows.push({ date: isoDate(day), currency: 'JPY', rate: jpy.toFixed(8) });
  }
  return csvOfRecords(['date', 'currency', 'rate'], rows);
}

const NPS_BY_LEVEL = { high: [9, 10], medium: [7, 9], low: [3, 7] } as const;
const COMMENTS = [
  'Approvals are so much faster now.',
  'The ERP sync breaks too often.',
  'Support is quick, thanks!',
  'We need more report templates.',
  'Pricing went up, not sure it is worth it.',
];

/** NPS about every four months per account; CSAT after some solved tickets. */
export function surveyResponses(
  usage: readonly AccountUsage[],
  tickets: readonly Ticket[],
  random: Random,
): string {
  const rows: {
    response_id: string;
    account_id: string;
    user_id: string;
    survey: string;
    score: number;
    responded_at: number;
    comment: string | null;
  }[] = [];
  for (const { account, users, months } of usage) {
    months.forEach((month, index) => {
      if (index % 4 !== 1 || !random.chance(0.8)) return;
      const [low, high] = NPS_BY_LEVEL[month.level];
      rows.push({
        response_id: '',
        account_id: account.id,
        user_id: random.pick(users).id,
        survey: 'nps',
        score: random.int(low, high),
        responded_at: month.start + Math.floor(random.next() * (month.end - month.start)),
        comment: random.chance(0.3) ? random.pick(COMMENTS) : null,
      });
    });
  }
  for (const ticket of tickets) {
    if (ticket.accountId === null || ticket.solved === null || !random.chance(0.4)) continue;
    const respondedAt = ticket.solved + random.int(1, 30) * 3_600_000;
    if (respondedAt > AS_OF_END) continue;
    const owner = usage.find((u) => u.account.id === ticket.accountId)!;
    rows.push({
      response_id: '',
      account_id: ticket.accountId,
      user_id: random.pick(owner.users).id,
      survey: 'csat',
      score: random.pick([5, 5, 4, 4, 3, 2]),
      responded_at: respondedAt,
      comment: null,
    });
  }
  rows.sort((a, b) => a.responded_at - b.responded_at);
  return csvOfRecords(
    ['response_id', 'account_id', 'user_id', 'survey', 'score', 'responded_at', 'comment'],
    rows.map((row, index) => ({
      ...row,
      response_id: `resp_${String(index + 1).padStart(4, '0')}`,
      responded_at: isoTimestamp(row.responded_at),
    })),
  );
}

/** Monthly spend per channel (channels as presets.hubspot.values renames HubSpot's sources). */
export function spend(random: Random): string {
  const rows: { month: string; channel: string; category: string; amount: string; currency: string }[] = [];
  for (let month = at(`${FIRST_MONTH}-01`); month <= AS_OF_END; month = addMonths(month, 1)) {
    const m = monthOf(month);
    rows.push({
      month: m,
      channel: 'organic',
      category: 'marketing',
      amount: (2_500 + random.int(0, 1_500)).toFixed(2),
      currency: 'USD',
    });
    rows.push({
      month: m,
      channel: 'paid_search',
      category: 'marketing',
      amount: (6_000 + random.int(0, 3_000)).toFixed(2),
      currency: 'USD',
    });
    rows.push({
      month: m,
      channel: 'partner',
      category: 'marketing',
      amount: (1_200 + random.int(0, 600)).toFixed(2),
      currency: 'EUR',
    });
    rows.push({
      month: m,
      channel: 'outbound',
      category: 'sales',
      amount: (9_000 + random.int(0, 4_000)).toFixed(2),
      currency: 'USD',
    });
  }
  return csvOfRecords(['month', 'channel', 'category', 'amount', 'currency'], rows);
}
