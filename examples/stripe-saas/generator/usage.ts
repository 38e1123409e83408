// Who uses the product, and how much: users per account and their active days, month by month, from
// signup until the account churns. Struggling accounts fade before they leave. Shared by the Segment
// tracks, the Zendesk tickets and the surveys so that they tell one story.
import { AS_OF_END } from './billing.js';
import { addMonths, at, DAY } from './calendar.js';
import type { Engagement } from './company.js';
import type { Account } from './ledgerly.js';
import type { Random } from './random.js';

export interface User {
  readonly id: string;
  readonly anonymousId: string;
  readonly name: string;
}

export interface AccountUsage {
  readonly account: Account;
  readonly users: readonly User[];
  /** When the account first completes a payment run (the value moment), or null if it never does. */
  readonly valueAt: number | null;
  /** Each month the account is in the product: the month's first instant and its engagement then. */
  readonly months: readonly { readonly start: number; readonly end: number; readonly level: Engagement }[];
}

const USERS_BY_TIER = { 'Tier 1': 6, 'Tier 2': 4, 'Tier 3': 2 } as const;
const FIRST_NAMES = [
  'Alex',
  'Priya',
  'Jonas',
  'Mei',
  'Lucas',
  'Sofia',
  'Kenji',
  'Amara',
  'Noah',
  'Elena',
  'Omar',
  'Yuki',
];

export function accountUsage(accounts: readonly Account[], random: Random): AccountUsage[] {
  return accounts.map((account) => {
    const users = Array.from({ length: USERS_BY_TIER[account.story.tier] }, () => ({
      id: `usr_${random.alnum(10)}`,
      anonymousId: random.uuid(),
      name: random.pick(FIRST_NAMES),
    }));
    const until = Math.min(account.churned ?? AS_OF_END, AS_OF_END);
    const trialOnly = account.story.subscriptions.every((s) => s.trialOnly);
    const ttvDays = { high: random.int(1, 4), medium: random.int(3, 12), low: random.int(8, 40) }[
      account.story.engagement
    ];
    const valueAt = trialOnly ? null : account.signup + ttvDays * DAY + random.int(1, 8) * 3_600_000;
    const months: { start: number; end: number; level: Engagement }[] = [];
    const first = new Date(account.signup);
    let start = at(`${first.toISOString().slice(0, 7)}-01`);
    while (start <= until) {
      const next = addMonths(start, 1);
      const fading = account.churned !== null && account.churned - start < 60 * DAY;
      months.push({
        start: Math.max(start, account.signup),
        end: Math.min(next, until),
        level: fading ? 'low' : account.story.engagement,
      });
      start = next;
    }
    return { account, users, valueAt: valueAt !== null && valueAt <= until ? valueAt : null, months };
  });
}
