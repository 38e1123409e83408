// The Zendesk Support tickets CSV export (Admin Center > Account > Tools > Reports > Export): one row per
// ticket with its metrics, columns headed by their labels, `Organization` holding the organization's
// name. Ledgerly's in-app help widget fills the ticket field "Stripe Customer ID" of the signed-in
// account, which is what presets.zendesk.account_id points at. One ticket came by email from someone
// who is not a customer: no Stripe Customer ID, quarantined.
import { AS_OF_END } from './billing.js';
import { DAY, sqlTimestamp } from './calendar.js';
import { csvOfRecords } from './csv.js';
import type { Random } from './random.js';
import type { AccountUsage } from './usage.js';

export const TICKETS_HEADER = [
  'Summation column',
  'Id',
  'Requester',
  'Requester id',
  'Assignee',
  'Group',
  'Subject',
  'Status',
  'Priority',
  'Via',
  'Ticket type',
  'Created at',
  'Updated at',
  'Organization',
  'Solved at',
  'Replies',
  'First reply time in minutes',
  'Full resolution time in minutes',
  'Stripe Customer ID',
];

const SUBJECTS = [
  'ERP sync failed overnight',
  'Cannot approve invoice',
  'Add a new approver',
  'Payment run stuck',
  'Export to CSV',
  'SSO login loop',
  'Duplicate vendor detected',
  'Question about my bill',
];
const TICKETS_PER_MONTH = { high: 0.5, medium: 0.6, low: 0.9 } as const;
const HOURS_TO_SOLVE = { Low: 72, Normal: 30, High: 10, Urgent: 3 } as const;

export interface Ticket {
  readonly id: number;
  readonly accountId: string | null;
  readonly created: number;
  readonly solved: number | null;
  readonly requester: string;
  readonly priority: 'Low' | 'Normal' | 'High' | 'Urgent';
  readonly via: string;
}

export function zendeskTickets(
  usage: readonly AccountUsage[],
  random: Random,
): { files: Record<string, string>; tickets: Ticket[] } {
  const drafts: { accountId: string | null; organization: string; requester: string; created: number }[] = [];
  for (const { account, users, months } of usage) {
    for (const month of months) {
      if (random.chance(TICKETS_PER_MONTH[month.level] * ((month.end - month.start) / (30 * DAY))))
        drafts.push({
          accountId: account.id,
          organization: account.story.name,
          requester: random.pick(users).name,
          created: month.start + Math.floor(random.next() * (month.end - month.start)),
        });
    }
  }
  const stray = drafts[Math.floor(drafts.length / 2)]!;
  drafts.push({
    accountId: null,
    organization: '',
    requester: 'jordan.k@gmail.com',
    created: stray.created + 3_600_000,
  });
  drafts.sort((a, b) => a.created - b.created);

  const tickets: Ticket[] = [];
  const rows = drafts.map((draft, index) => {
    const id = 1041 + index;
    const priority = random.pick(['Low', 'Normal', 'Normal', 'Normal', 'High', 'Urgent'] as const);
    const solveAfter = HOURS_TO_SOLVE[priority] * (0.3 + 1.4 * random.next()) * 3_600_000;
    const solved = draft.created + solveAfter <= AS_OF_END ? draft.created + solveAfter : null;
    const firstReply = Math.round(Math.min(solveAfter / 60_000, 20 + 400 * random.next()));
    const via = draft.accountId === null ? 'Mail' : random.pick(['Web Widget', 'Web Widget', 'Mail', 'Chat']);
    tickets.push({
      id,
      accountId: draft.accountId,
      created: draft.created,
      solved,
      requester: draft.requester,
      priority,
      via,
    });
    return {
      'Summation column': null,
      Id: id,
      Requester: draft.requester,
      'Requester id': 3_900_000_000 + index * 7,
      Assignee: random.pick(['Rosa Martin', 'Ken Ito', 'Li Wei']),
      Group: 'Support',
      Subject: random.pick(SUBJECTS),
      Status: solved === null ? 'Open' : solved < AS_OF_END - 4 * DAY ? 'Closed' : 'Solved',
      Priority: priority,
      Via: via,
      'Ticket type': random.pick(['Question', 'Incident', 'Problem', 'Task']),
      'Created at': sqlTimestamp(draft.created),
      'Updated at': sqlTimestamp(solved ?? draft.created + 3_600_000),
      Organization: draft.organization,
      'Solved at': solved === null ? null : sqlTimestamp(solved),
      Replies: random.int(1, 6),
      'First reply time in minutes': firstReply,
      'Full resolution time in minutes': solved === null ? null : Math.round(solveAfter / 60_000),
      'Stripe Customer ID': draft.accountId,
    };
  });
  return { files: { 'zendesk/tickets.csv': csvOfRecords(TICKETS_HEADER, rows) }, tickets };
}
