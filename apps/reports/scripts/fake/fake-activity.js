// Fake activity marts (time to value, NPS, CSAT, support, renewals, engagement, health): plausible
// random values with the exact METRICS.md columns, the `all` row plus one row per segment.
import { SEGMENTS } from './fake-revenue.js';
import { addMonths, div, monthOf, monthRange, quantileCont } from './months.js';

const SEGS = ['all', ...SEGMENTS];

export function ttvAccounts(rng, accounts, asOf) {
  return accounts
    .map((a) => {
      const days = rng.chance(0.82) ? rng.next() ** 2.2 * 45 : null;
      const at = days == null ? null : new Date(Date.parse(`${a.signup_at}Z`) + days * 86_400_000);
      const reached = at != null && at.toISOString().slice(0, 10) <= asOf;
      return {
        account_id: a.account_id,
        segment: a.segment,
        signup_at: a.signup_at,
        signup_month: monthOf(a.signup_at),
        first_value_at: reached ? at.toISOString().slice(0, 19) : null,
        ttv_days: reached ? days : null,
        reached,
      };
    })
    .sort((a, b) => a.account_id.localeCompare(b.account_id));
}

export function ttvCohorts(ttvRows, asOfMonth) {
  const first = ttvRows.map((r) => r.signup_month).sort()[0] ?? asOfMonth;
  const out = [];
  for (const month of monthRange(first, asOfMonth)) {
    for (const segment of SEGS) {
      const rows = ttvRows.filter(
        (r) => r.signup_month === month && (segment === 'all' || r.segment === segment),
      );
      const days = rows.filter((r) => r.reached).map((r) => r.ttv_days);
      out.push({
        signup_month: month,
        segment,
        accounts: rows.length,
        reached_accounts: days.length,
        reached_rate: div(days.length, rows.length),
        reached_7d_rate: div(days.filter((d) => d <= 7).length, rows.length),
        reached_30d_rate: div(days.filter((d) => d <= 30).length, rows.length),
        median_ttv_days: quantileCont(days, 0.5),
        p75_ttv_days: quantileCont(days, 0.75),
        p90_ttv_days: quantileCont(days, 0.9),
      });
    }
  }
  return out;
}

/** One row per month and segment, the `all` row being the sum of the additive columns. */
function perSegment(months, makeSegment, makeAll) {
  const out = [];
  for (const month of months) {
    const parts = SEGMENTS.map((segment) => ({ month, segment, ...makeSegment(month, segment) }));
    out.push({ month, segment: 'all', ...makeAll(parts) }, ...parts);
  }
  return out;
}

const total = (parts, k) => parts.reduce((s, p) => s + p[k], 0);

export function npsMonthly(rng, months) {
  const nps = (promoters, passives, detractors) => {
    const responses = promoters + passives + detractors;
    return {
      responses,
      promoters,
      passives,
      detractors,
      nps: div(100 * (promoters - detractors), responses),
    };
  };
  return perSegment(
    months,
    () => nps(rng.int(2, 14), rng.int(1, 8), rng.int(0, 6)),
    (p) => nps(total(p, 'promoters'), total(p, 'passives'), total(p, 'detractors')),
  );
}

export function csatMonthly(rng, months) {
  const csat = (responses, satisfied) => ({ responses, satisfied, csat: div(100 * satisfied, responses) });
  return perSegment(
    months,
    () => {
      const n = rng.int(4, 30);
      return csat(n, Math.round(n * rng.between(0.6, 0.95)));
    },
    (p) => csat(total(p, 'responses'), total(p, 'satisfied')),
  );
}

export function supportMonthly(rng, months) {
  const hours = () => {
    const median = rng.between(4, 30);
    return {
      mean_resolution_hours: median * rng.between(1.1, 1.6),
      median_resolution_hours: median,
      p90_resolution_hours: median * rng.between(2, 4),
      median_first_response_hours: rng.between(0.5, 6),
    };
  };
  return perSegment(
    months,
    () => ({
      tickets_created: rng.int(5, 60),
      tickets_resolved: rng.int(5, 58),
      ...hours(),
      open_backlog: rng.int(0, 25),
    }),
    (p) => ({
      tickets_created: total(p, 'tickets_created'),
      tickets_resolved: total(p, 'tickets_resolved'),
      ...hours(),
      open_backlog: total(p, 'open_backlog'),
    }),
  );
}

export function renewalsMonthly(rng, months, asOfMonth) {
  const row = (renewed, lost, pending) => ({
    renewals_due: renewed + lost + pending,
    renewed,
    lost,
    pending,
    renewal_rate: div(renewed, renewed + lost),
  });
  return perSegment(
    months,
    (month) => {
      const recent = month >= addMonths(asOfMonth, -1);
      const due = rng.int(0, 9);
      const pending = recent ? Math.min(due, rng.int(1, 4)) : 0;
      const lost = Math.min(due - pending, rng.int(0, 2));
      return row(due - pending - lost, lost, pending);
    },
    (p) => row(total(p, 'renewed'), total(p, 'lost'), total(p, 'pending')),
  );
}

export function engagementMonthly(rng, months) {
  const row = (active_accounts, mau, events, avg_dau) => ({
    active_accounts,
    mau,
    avg_dau,
    stickiness: div(avg_dau, mau),
    events,
  });
  return perSegment(
    months,
    () => {
      const mau = rng.int(20, 300);
      return row(rng.int(5, 40), mau, mau * rng.int(10, 40), mau * rng.between(0.1, 0.35));
    },
    (p) => row(total(p, 'active_accounts'), total(p, 'mau'), total(p, 'events'), total(p, 'avg_dau')),
  );
}

export function engagementAccountMonths(rng, amRows) {
  return amRows
    .filter((r) => r.mrr > 0)
    .map((r) => {
      const users = rng.int(1, 12);
      return {
        account_id: r.account_id,
        month: r.month,
        active_users: users,
        active_days: rng.int(1, 28),
        events: users * rng.int(5, 60),
      };
    });
}

const WEIGHTS = { engagement: 0.3, usage_trend: 0.2, sentiment: 0.2, support: 0.15, financial: 0.15 };

/** atRisk: accounts whose components are low every month (so they are listed at risk, lowest first). */
export function healthScores(rng, amRows, accounts, { atRisk = new Set() } = {}) {
  const segOf = new Map(accounts.map((a) => [a.account_id, a.segment]));
  return amRows
    .filter((r) => r.mrr > 0)
    .map((r) => {
      const low = atRisk.has(r.account_id);
      const comp = {
        engagement: rng.between(10, 100),
        usage_trend: rng.chance(0.9) ? rng.between(20, 100) : null,
        sentiment: rng.chance(0.6) ? 10 * rng.int(2, 10) : null,
        support: 100 - 25 * rng.int(0, rng.chance(0.2) ? 4 : 1),
        financial: r.mrr >= r.prev_mrr || r.prev_mrr === 0 ? 100 : rng.between(40, 99),
      };
      if (low) Object.assign(comp, { engagement: 12.5, usage_trend: 20, sentiment: 30, support: 50 });
      const used = Object.entries(comp).filter(([, v]) => v != null);
      const w = used.reduce((s, [k]) => s + WEIGHTS[k], 0);
      const score = Math.round((10 * used.reduce((s, [k, v]) => s + WEIGHTS[k] * v, 0)) / w) / 10;
      return {
        account_id: r.account_id,
        month: r.month,
        segment: segOf.get(r.account_id),
        score,
        band: score < 50 ? 'critical' : score < 75 ? 'at_risk' : 'healthy',
        engagement_score: comp.engagement,
        usage_trend_score: comp.usage_trend,
        sentiment_score: comp.sentiment,
        support_score: comp.support,
        financial_score: comp.financial,
        mrr: r.mrr,
      };
    });
}
