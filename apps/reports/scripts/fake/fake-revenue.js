// Fake revenue marts (mrr_account_months, mrr_monthly, cohort_retention, clv_monthly, cac_monthly)
// derived from a small simulated account base, so the movement identities of METRICS.md hold and
// the site's waterfall and cohort charts look like the real thing during development.
import { addMonths, div, monthOf, monthRange } from './months.js';

// Hostile text (CSV injection, OWASP): the browser suite checks that every CSV download holding it
// neutralises it (a leading ') while the numbers beside it stay numbers. A segment, two channels and
// five accounts (all in that segment, all at risk in the latest month) carry it.
export const HOSTILE_SEGMENT = "=cmd|' /C calc'!A0";
export const SEGMENTS = ['enterprise', 'mid_market', 'smb', HOSTILE_SEGMENT];
export const HOSTILE_CHANNELS = ['=HYPERLINK("http://x")', '-2+3'];
export const CHANNELS = ['organic', 'outbound', 'paid_search', 'referral', ...HOSTILE_CHANNELS];
/** Formula-like account ids; '-2+3' is text, not a number; the last one a tab-led comment-like text. */
export const HOSTILE_ACCOUNT_IDS = ['=HYPERLINK("http://x")', '@SUM(1)', '+1', '-2+3', '\tcall back =1+1'];
/** The hostile segment's only contraction (its first account, 361.5 → 241, three months before as_of). */
export const HOSTILE_CONTRACTION = -120.5;
const BASE_MRR = { enterprise: [1500, 8000], mid_market: [300, 1500], smb: [49, 300] };
const CHURN_P = { enterprise: 0.015, mid_market: 0.03, smb: 0.06 };

/**
 * The hostile accounts with fixed MRR paths (no random draw): signed up 14 months before as_of, every
 * one active to the end, the first contracting by HOSTILE_CONTRACTION 3 months before as_of.
 */
export function hostileAccounts(asOfMonth) {
  const signupMonth = addMonths(asOfMonth, -14);
  const contractionMonth = addMonths(asOfMonth, -3);
  const accounts = HOSTILE_ACCOUNT_IDS.map((account_id, i) => ({
    account_id,
    segment: HOSTILE_SEGMENT,
    channel: 'referral',
    signup_at: `${signupMonth.slice(0, 8)}${String(10 + i)}T09:30:00`,
    active: true,
  }));
  const paths = new Map();
  accounts.forEach((a, i) => {
    const path = new Map();
    for (const m of monthRange(signupMonth, asOfMonth)) {
      path.set(m, i > 0 ? 100 * (i + 1) : m < contractionMonth ? 361.5 : 361.5 + HOSTILE_CONTRACTION);
    }
    paths.set(a.account_id, path);
  });
  return { accounts, paths };
}

export function simulateAccounts(rng, { count, firstSignup, asOf }) {
  const span = (Date.parse(asOf) - Date.parse(firstSignup)) / 86_400_000;
  const accounts = [];
  for (let i = 1; i <= count; i++) {
    const day = Math.floor(rng.next() ** 0.8 * span);
    const signupAt = new Date(
      Date.parse(`${firstSignup}T00:00:00Z`) + day * 86_400_000 + rng.int(0, 86_399) * 1000,
    );
    const segment = rng.pick(['smb', 'smb', 'smb', 'mid_market', 'mid_market', 'enterprise']);
    accounts.push({
      account_id: `acc_${String(i).padStart(4, '0')}`,
      segment,
      channel: rng.pick(CHANNELS),
      signup_at: signupAt.toISOString().slice(0, 19),
      active: !rng.chance(0.08),
    });
  }
  return accounts;
}

/** mrr per account and month: a random walk of expansions, contractions, churns and reactivations. */
export function simulateMrr(rng, accounts, asOfMonth) {
  const paths = new Map();
  for (const a of accounts) {
    if (!a.active) continue;
    const [lo, hi] = BASE_MRR[a.segment];
    let mrr = Math.round(rng.between(lo, hi));
    let churned = false;
    const path = new Map();
    for (const m of monthRange(monthOf(a.signup_at), asOfMonth)) {
      if (churned) {
        if (rng.chance(0.06)) churned = false;
      } else if (path.size > 0 && rng.chance(CHURN_P[a.segment])) churned = true;
      else if (path.size > 0 && rng.chance(0.07)) mrr = Math.round(mrr * rng.between(1.1, 1.5));
      else if (path.size > 0 && rng.chance(0.03)) mrr = Math.round(mrr * rng.between(0.6, 0.9));
      path.set(m, churned ? 0 : mrr);
    }
    paths.set(a.account_id, path);
  }
  return paths;
}

export function accountMonths(paths) {
  const rows = [];
  for (const [account_id, path] of paths) {
    let prev = 0;
    let ever = false;
    for (const [month, mrr] of path) {
      const movement =
        prev === 0 && mrr > 0
          ? ever
            ? 'reactivation'
            : 'new'
          : prev > 0 && mrr === 0
            ? 'churn'
            : prev > 0 && mrr > prev
              ? 'expansion'
              : prev > 0 && mrr > 0 && mrr < prev
                ? 'contraction'
                : 'none';
      rows.push({ account_id, month, mrr, prev_mrr: prev, movement, mrr_change: mrr - prev });
      ever ||= mrr > 0;
      prev = mrr;
    }
  }
  return rows.sort((a, b) => a.account_id.localeCompare(b.account_id) || a.month.localeCompare(b.month));
}

const sum = (rows, f) => rows.reduce((s, r) => s + f(r), 0);

export function mrrMonthly(amRows, accounts, months, asOf) {
  const segOf = new Map(accounts.map((a) => [a.account_id, a.segment]));
  const byKey = new Map(amRows.map((r) => [`${r.account_id}|${r.month}`, r]));
  const mrrAt = (id, m) => byKey.get(`${id}|${m}`)?.mrr ?? 0;
  const ids = [...new Set(amRows.map((r) => r.account_id))];
  const out = [];
  for (const month of months) {
    for (const segment of ['all', ...SEGMENTS]) {
      const mine = ids.filter((id) => segment === 'all' || segOf.get(id) === segment);
      const rows = mine.map((id) => byKey.get(`${id}|${month}`)).filter(Boolean);
      const mv = (k) => rows.filter((r) => r.movement === k);
      const prevM = addMonths(month, -1);
      const start = mine.filter((id) => mrrAt(id, prevM) > 0);
      const startMrr = sum(start, (id) => mrrAt(id, prevM));
      const mrr = sum(rows, (r) => r.mrr);
      const prevSum = sum(rows, (r) => r.prev_mrr);
      const amt = (k) => sum(mv(k), (r) => r.mrr_change);
      const [nw, re, ex, co, ch] = ['new', 'reactivation', 'expansion', 'contraction', 'churn'].map(amt);
      const yearAgo = addMonths(month, -12);
      const base12 = months.includes(yearAgo) ? mine.filter((id) => mrrAt(id, yearAgo) > 0) : null;
      const baseMrr12 = base12 && sum(base12, (id) => mrrAt(id, yearAgo));
      const active = rows.filter((r) => r.mrr > 0).length;
      out.push({
        month,
        segment,
        mrr,
        arr: 12 * mrr,
        active_accounts: active,
        start_accounts: start.length,
        start_mrr: startMrr,
        new_accounts: mv('new').length,
        new_mrr: nw,
        reactivated_accounts: mv('reactivation').length,
        reactivation_mrr: re,
        expansion_mrr: ex,
        contraction_mrr: co,
        churned_accounts: mv('churn').length,
        churned_mrr: ch,
        net_new_mrr: nw + re + ex + co + ch,
        arpa: div(mrr, active),
        logo_churn_rate: div(mv('churn').length, start.length),
        customer_retention_rate: div(active - mv('new').length - mv('reactivation').length, start.length),
        gross_mrr_churn_rate: div(-(ch + co), startMrr),
        net_mrr_churn_rate: div(-(ch + co + ex), startMrr),
        nrr: div(
          sum(start, (id) => mrrAt(id, month)),
          startMrr,
        ),
        grr: div(
          sum(start, (id) => Math.min(mrrAt(id, month), mrrAt(id, prevM))),
          startMrr,
        ),
        nrr_12m: base12
          ? div(
              sum(base12, (id) => mrrAt(id, month)),
              baseMrr12,
            )
          : null,
        grr_12m: base12
          ? div(
              sum(base12, (id) => Math.min(mrrAt(id, month), mrrAt(id, yearAgo))),
              baseMrr12,
            )
          : null,
        quick_ratio: div(nw + re + ex, -(ch + co)),
        mrr_growth_rate: div(mrr - prevSum, prevSum),
        is_partial_month: asOf < lastDayOf(month),
      });
    }
  }
  return out;
}

function lastDayOf(month) {
  const d = new Date(`${addMonths(month, 1)}T00:00:00Z`);
  d.setUTCDate(0);
  return d.toISOString().slice(0, 10);
}

export function cohortRetention(amRows, accounts, asOfMonth) {
  const segOf = new Map(accounts.map((a) => [a.account_id, a.segment]));
  const cohortOf = new Map();
  for (const r of amRows) if (r.movement === 'new') cohortOf.set(r.account_id, r.month);
  const byKey = new Map(amRows.map((r) => [`${r.account_id}|${r.month}`, r.mrr]));
  const groups = new Map();
  for (const [id, cohort] of cohortOf) {
    for (const seg of ['all', segOf.get(id)]) {
      const k = `${cohort}|${seg}`;
      if (!groups.has(k)) groups.set(k, []);
      groups.get(k).push(id);
    }
  }
  const out = [];
  for (const [k, ids] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    const [cohort_month, segment] = k.split('|');
    const cohortMrr = sum(ids, (id) => byKey.get(`${id}|${cohort_month}`) ?? 0);
    let cumulative = 0;
    for (let age = 0; addMonths(cohort_month, age) <= asOfMonth; age++) {
      const m = addMonths(cohort_month, age);
      const mrr = sum(ids, (id) => byKey.get(`${id}|${m}`) ?? 0);
      const active = ids.filter((id) => (byKey.get(`${id}|${m}`) ?? 0) > 0).length;
      cumulative += mrr;
      out.push({
        cohort_month,
        segment,
        months_since: age,
        cohort_accounts: ids.length,
        active_accounts: active,
        logo_retention: div(active, ids.length),
        cohort_mrr: cohortMrr,
        mrr,
        revenue_retention: div(mrr, cohortMrr),
        cumulative_revenue_per_account: div(cumulative, ids.length),
      });
    }
  }
  return out.sort(
    (a, b) =>
      a.cohort_month.localeCompare(b.cohort_month) ||
      a.segment.localeCompare(b.segment) ||
      a.months_since - b.months_since,
  );
}

export function clvMonthly(mrrRows, grossMargin) {
  return mrrRows.map((r) => {
    const window = mrrRows.filter(
      (x) =>
        x.segment === r.segment &&
        x.month < r.month &&
        x.month >= addMonths(r.month, -6) &&
        x.logo_churn_rate != null,
    );
    const avg = window.length >= 3 ? sum(window, (x) => x.logo_churn_rate) / window.length : null;
    const clv = avg ? div(r.arpa, avg) : null;
    return {
      month: r.month,
      segment: r.segment,
      arpa: r.arpa,
      avg_logo_churn_rate: avg,
      clv,
      gross_margin: grossMargin,
      clv_gross: clv == null ? null : clv * grossMargin,
    };
  });
}

export function cacMonthly(rng, amRows, accounts, months, grossMargin) {
  const chanOf = new Map(accounts.map((a) => [a.account_id, a.channel]));
  const out = [];
  for (const month of months) {
    const spends = Object.fromEntries(
      CHANNELS.map((c) => [c, c === 'organic' ? 0 : Math.round(rng.between(2000, 15000))]),
    );
    for (const channel of ['all', ...CHANNELS]) {
      const news = amRows.filter(
        (r) =>
          r.month === month &&
          r.movement === 'new' &&
          (channel === 'all' || chanOf.get(r.account_id) === channel),
      );
      const spend = channel === 'all' ? sum(CHANNELS, (c) => spends[c]) : spends[channel];
      const newMrr = sum(news, (r) => r.mrr_change);
      const cac = div(spend, news.length);
      const arpaNew = div(newMrr, news.length);
      out.push({
        month,
        channel,
        spend,
        new_accounts: news.length,
        new_mrr: newMrr,
        cac,
        arpa_new: arpaNew,
        payback_months: cac == null || arpaNew == null ? null : div(cac, arpaNew * grossMargin),
      });
    }
  }
  return out;
}
