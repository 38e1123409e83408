import type { AccountProfile } from './account-profile.js';
import { MS_PER_DAY, MS_PER_HOUR } from './calendar.js';
import { type Lifecycle, seatsOn } from './lifecycle.js';
import { Random, Stream } from './random.js';
import { surveyComment } from './survey-comments.js';
import type { TicketRecord } from './tickets.js';
import type { Timeline } from './timeline.js';
import { activeUserCount } from './usage.js';

export interface SurveyRecord {
  readonly id: string;
  readonly userId: string | null;
  readonly survey: 'nps' | 'csat';
  readonly score: number;
  readonly respondedAt: number;
  readonly comment: string | null;
}

const NPS_EVERY_DAYS = 90;

function clampRound(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.round(value)));
}

/**
 * Relationship NPS every quarter from a month after the first payment, and transactional CSAT after some
 * resolved tickets. Low usage, open tickets and an approaching churn all pull scores down.
 */
export function simulateSurveys(
  profile: AccountProfile,
  lifecycle: Lifecycle,
  tickets: readonly TicketRecord[],
  timeline: Timeline,
  seed: number,
): SurveyRecord[] {
  const random = new Random(seed, Stream.surveys, profile.index);
  const drafts: Omit<SurveyRecord, 'id'>[] = [];
  const user = (day: number) =>
    random.chance(0.1) ? null : `u${random.int(1, activeUserCount(seatsOn(lifecycle, day)))}`;
  if (lifecycle.firstPaidDay !== null) {
    for (let day = lifecycle.firstPaidDay + 30; day <= timeline.lastDay; day += NPS_EVERY_DAYS) {
      const stint = lifecycle.stints.find((s) => s.start <= day * MS_PER_DAY && day < s.endDay);
      if (!stint || !random.chance(0.5)) continue;
      const churnSoon = stint.churned && stint.endDay - day < 120 ? 2.5 : 0;
      const openTickets = tickets.some(
        (t) => t.createdAt < day * MS_PER_DAY && (t.resolvedAt === null || t.resolvedAt > day * MS_PER_DAY),
      )
        ? 1.5
        : 0;
      const respondents = 1 + (seatsOn(lifecycle, day) > 6 ? random.poisson(0.7) : 0);
      for (let i = 0; i < respondents; i++) {
        const respondedAt =
          (day + random.int(0, 6)) * MS_PER_DAY + Math.floor(random.between(8, 20) * MS_PER_HOUR);
        if (respondedAt >= timeline.endInstant) continue;
        const mean = 3.5 + 7 * profile.intensity - churnSoon - openTickets;
        const score = clampRound(mean + random.normal() * 1.8, 0, 10);
        const comment = surveyComment(random, score / 10, 0.3);
        drafts.push({ userId: user(day), survey: 'nps', score, respondedAt, comment });
      }
    }
  }
  for (const ticket of tickets) {
    if (ticket.resolvedAt === null || !random.chance(0.35)) continue;
    const respondedAt = ticket.resolvedAt + Math.floor(random.logNormal(3, 1) * MS_PER_HOUR);
    if (respondedAt >= timeline.endInstant) continue;
    const hours = (ticket.resolvedAt - ticket.createdAt) / MS_PER_HOUR;
    const mean = 5 - 0.4 * Math.log2(1 + hours / 24) - 0.8 * (1 - profile.intensity);
    const score = clampRound(mean + random.normal() * 0.7, 1, 5);
    const comment = surveyComment(random, (score - 1) / 4, 0.2);
    drafts.push({
      userId: user(Math.floor(respondedAt / MS_PER_DAY)),
      survey: 'csat',
      score,
      respondedAt,
      comment,
    });
  }
  drafts.sort((a, b) => a.respondedAt - b.respondedAt);
  return drafts.map((draft, i) => ({ id: `R-${profile.id}-${i + 1}`, ...draft }));
}
