import type { AccountProfile } from './account-profile.js';
import { type Day, formatDay, MS_PER_DAY, MS_PER_HOUR } from './calendar.js';
import type { CsvValue } from './csv.js';
import { INVOICES, SUBSCRIPTIONS, SURVEY_RESPONSES, TICKETS } from './source-tables.js';
import { formatTimestamp } from './timestamp-format.js';

export type CorruptSource = 'subscriptions' | 'invoices' | 'tickets' | 'survey_responses';

/** One deliberately invalid row, and the quarantine reason the contract gives it. */
export interface CorruptRow {
  readonly source: CorruptSource;
  readonly reasonCode: string;
  readonly id: string;
  readonly row: string;
}

export interface CorruptionContext {
  /** A real account, so the row has exactly one problem. */
  readonly account: AccountProfile;
  /** A day inside the data, so no corrupt row moves the as-of date. */
  readonly day: Day;
  /** An invoice already written, whose id a later row repeats. */
  readonly firstInvoice: Readonly<Record<(typeof INVOICES.columns)[number], CsvValue>> | null;
}

type Build = (context: CorruptionContext, n: number) => Omit<CorruptRow, 'reasonCode' | 'source'> | null;

function subscription(context: CorruptionContext, id: string, overrides: Record<string, CsvValue>) {
  return {
    id,
    row: SUBSCRIPTIONS.row({
      account_id: context.account.id,
      subscription_id: id,
      plan: 'growth',
      billing_interval: 'month',
      amount: '49.00',
      currency: 'USD',
      start_date: formatDay(context.day),
      end_date: null,
      is_trial: 'false',
      ...overrides,
    }),
  };
}

function ticket(context: CorruptionContext, id: string, overrides: Record<string, CsvValue>) {
  const createdAt = context.day * MS_PER_DAY + 10 * MS_PER_HOUR;
  return {
    id,
    row: TICKETS.row({
      ticket_id: id,
      account_id: context.account.id,
      created_at: formatTimestamp(createdAt),
      first_response_at: null,
      resolved_at: formatTimestamp(createdAt + 5 * MS_PER_HOUR),
      priority: 'normal',
      channel: 'email',
      subject: 'Imported from the old helpdesk',
      ...overrides,
    }),
  };
}

/** The kinds, injected in this order (the first four are the ones every sample should show). */
const KINDS: readonly { source: CorruptSource; reasonCode: string; build: Build }[] = [
  {
    source: 'subscriptions',
    reasonCode: 'out_of_range',
    build: (context, n) =>
      subscription(context, `sub_${context.account.id}_negative${n}`, { amount: '-49.00' }),
  },
  {
    source: 'subscriptions',
    reasonCode: 'unknown_value',
    build: (context, n) =>
      subscription(context, `sub_${context.account.id}_weekly${n}`, { billing_interval: 'week' }),
  },
  {
    source: 'invoices',
    reasonCode: 'orphan_account',
    build: (context, n) => {
      const id = `INV-ORPHAN-${n}`;
      const issued = formatTimestamp(context.day * MS_PER_DAY + 3 * MS_PER_HOUR);
      const row = { invoice_id: id, account_id: `ACME-404-${n}`, issued_at: issued, amount: '99.00' };
      return { id, row: INVOICES.row({ ...row, currency: 'USD', status: 'paid' }) };
    },
  },
  {
    source: 'tickets',
    reasonCode: 'wrong_type',
    build: (context, n) => {
      const year = formatDay(context.day).slice(0, 4);
      return ticket(context, `TCK-BAD-DATE-${n}`, {
        created_at: `${year}-02-30T09:15:00Z`,
        resolved_at: null,
      });
    },
  },
  {
    source: 'survey_responses',
    reasonCode: 'out_of_range',
    build: (context, n) => {
      const id = `R-BAD-SCORE-${n}`;
      const row = SURVEY_RESPONSES.row({
        response_id: id,
        account_id: context.account.id,
        user_id: 'u1',
        survey: 'nps',
        score: 11,
        responded_at: formatTimestamp(context.day * MS_PER_DAY + 15 * MS_PER_HOUR),
        comment: 'Answered on a 0-11 scale by mistake',
      });
      return { id, row };
    },
  },
  {
    source: 'tickets',
    reasonCode: 'bad_order',
    build: (context, n) => {
      const createdAt = context.day * MS_PER_DAY + 10 * MS_PER_HOUR;
      return ticket(context, `TCK-BAD-ORDER-${n}`, {
        resolved_at: formatTimestamp(createdAt - 2 * MS_PER_HOUR),
      });
    },
  },
  {
    source: 'invoices',
    reasonCode: 'duplicate_id',
    build: (context) =>
      context.firstInvoice === null
        ? null
        : { id: String(context.firstInvoice.invoice_id), row: INVOICES.row(context.firstInvoice) },
  },
  {
    source: 'subscriptions',
    reasonCode: 'bad_period',
    build: (context, n) =>
      subscription(context, `sub_${context.account.id}_empty${n}`, { end_date: formatDay(context.day) }),
  },
];

/** `count` invalid rows, cycling through the kinds; kinds that cannot be built here are skipped. */
export function corruptRows(count: number, context: CorruptionContext): CorruptRow[] {
  const rows: CorruptRow[] = [];
  for (let i = 0; rows.length < count && i < count * 2; i++) {
    const kind = KINDS[i % KINDS.length]!;
    const built = kind.build(context, Math.floor(i / KINDS.length) + 1);
    if (built) rows.push({ source: kind.source, reasonCode: kind.reasonCode, ...built });
  }
  return rows;
}
