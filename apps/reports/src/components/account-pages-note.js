// The Accounts page's note on the account-page cap: how many accounts qualify for a page, how many have
// one (config account_pages_max, the highest page_priority of the account_pages mart), per reason.
// Every number is a row count of the mart (data/account_pages_summary.json), never recomputed here.
import { el } from './dom.js';

/** `page_reason` of the account_pages mart, in words. */
export const REASON_LABELS = {
  critical: 'Critical health',
  recent_churn: 'Churned recently',
  at_risk: 'At-risk health',
  top_mrr: 'Top by MRR',
};

const accounts = (n) => `${n.toLocaleString('en-US')} account${n === 1 ? '' : 's'}`;

/** What the cap left out, in words; data-* attributes keep the counts exact for tests. */
export function accountPagesNote(summary) {
  const { qualifying, with_page: withPage, published, max, reasons } = summary;
  const capped = withPage < qualifying;
  const cap = max == null ? 'account_pages_max' : `account_pages_max (now ${max.toLocaleString('en-US')})`;
  const lines = [
    capped
      ? `${accounts(qualifying)} qualify; the ${withPage.toLocaleString('en-US')} with the highest priority have a page; raise ${cap} to build more.`
      : `All ${accounts(qualifying)} that qualify are given a page (within ${max == null ? 'account_pages_max' : `account_pages_max, now ${max.toLocaleString('en-US')}`}).`,
  ];
  if (published < withPage) {
    const left = withPage - published;
    lines.push(
      `${accounts(left)} among them ${left === 1 ? 'has an id' : 'have ids'} that cannot be a page's file name (only up to 200 letters, digits, _, - and ~ can, and not "index"): listed elsewhere without a link, so ${published.toLocaleString('en-US')} ${published === 1 ? 'page is' : 'pages are'} published.`,
    );
  }
  if (capped) {
    lines.push(
      reasons
        .map((r) => `${REASON_LABELS[r.reason] ?? r.reason}: ${r.with_page} of ${r.qualifying} with a page`)
        .join(' · '),
    );
  }
  return el(
    'div',
    {
      class: 'pulse-pages-note',
      'data-account-pages-note': '',
      'data-qualifying': String(qualifying),
      'data-with-page': String(withPage),
      'data-published': String(published),
    },
    ...lines.map((line) => el('p', {}, line)),
  );
}
