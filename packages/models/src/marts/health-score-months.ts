import { type AnyModel, dateValue, type PartitionChanges, relationOf } from '@pulse/core';
import { type Kysely, sql } from 'kysely';
import { monthOf, monthsAfter } from '../calendar-months.js';
import type { PulseVars } from '../config.js';
import { intOptionalSources } from '../intermediate/int_optional_sources.js';
import { stgAccounts } from '../staging/stg_accounts.js';
import { stgSurveyResponses } from '../staging/stg_survey_responses.js';
import { stgTickets } from '../staging/stg_tickets.js';
import { otherVarsChanged } from '../vars-changes.js';
import { engagementAccountMonths } from './engagement_account_months.js';
import { mrrAccountMonths } from './mrr_account_months.js';

/** How many months before its own a health month reads (the usage trend's and the financial score's base). */
const LOOK_BACK = 3;

/**
 * The months of health_scores whose rows may differ from the relation as built. A month's row of an account
 * reads, besides the account's segment:
 * - its MRR that month and 3 months earlier (mrr_account_months): the months it rebuilt and 3 after each;
 * - its engagement that month and the 3 before: the months engagement_account_months rebuilt and 3 after;
 * - its latest NPS response and its open tickets up to the month's snapshot day: a response or ticket
 *   reaches every month from its own on, so every month from the earliest one the survey or ticket table
 *   rebuilt (a ticket's month is its creation's; its resolution only ever moves later months);
 * - the snapshot day, as_of in the as_of month: the months from the earlier as_of's to the later one's;
 * - the segment: every month of the accounts whose segment changed, came or went.
 * `all` when another var (a health weight…) or the optional sources changed, or an input was rebuilt whole.
 * After a nightly export that is the as_of month alone, where the mart was rebuilt whole (at L 2–3 s).
 */
export async function changedHealthMonths(
  db: Kysely<any>,
  changes: PartitionChanges<PulseVars>,
): Promise<readonly string[] | 'all'> {
  // Raw sql stays in this function: the relation as built is named only at run time (Kysely<any>, so the
  // builder would check nothing). Its one statement reads which of the months found hold rows, now or as
  // built, with every month from the earliest one reached on and every month of the accounts whose segment moved.
  if (!changes.previousVars || otherVarsChanged(changes.vars, changes.previousVars)) return 'all';
  const changed = (model: AnyModel) => changes.changedModels.get(model.name) ?? [];
  // Which sources are present decides whether components exist at all: any change rescores every month.
  if (changes.changedModels.has(intOptionalSources.name)) return 'all';
  const monthly = [changed(mrrAccountMonths), changed(engagementAccountMonths)];
  const reachingLater = [changed(stgSurveyResponses), changed(stgTickets)];
  if ([...monthly, ...reachingLater].includes('all')) return 'all';

  const months = new Set<string>();
  for (const rebuilt of monthly as (readonly string[])[]) {
    for (const month of rebuilt) {
      for (let later = 0; later <= LOOK_BACK; later++) months.add(monthsAfter(month, later));
    }
  }
  const [earlier, later] = [changes.previousVars.asOf, changes.vars.asOf].sort() as [string, string];
  if (earlier !== later) {
    for (let month = monthOf(earlier); month <= monthOf(later); month = monthsAfter(month, 1))
      months.add(month);
  }
  const earliestReached = (reachingLater as (readonly string[])[]).flat().sort()[0];

  const built = sql.raw(changes.relation);
  const wanted = [
    ...(months.size > 0 ? [sql`month in (${sql.join([...months].map(dateValue))})`] : []),
    ...(earliestReached !== undefined ? [sql`month >= ${dateValue(monthOf(earliestReached))}`] : []),
    ...(changes.changedModels.has(stgAccounts.name)
      ? [sql`account_id in (select account_id from moved_accounts)`]
      : []),
  ];
  if (wanted.length === 0) return [];
  const rows = await sql<{ month: string }>`
    with segments_now as (select account_id, segment from ${sql.raw(relationOf(stgAccounts))}),
    segments_built as (select distinct account_id, segment from ${built}),
    moved_accounts as (
      (select * from segments_now except select * from segments_built)
      union (select * from segments_built except select * from segments_now)),
    rows_now_or_built as (
      select month, account_id from ${sql.raw(relationOf(mrrAccountMonths))} where mrr > 0
      union all select month, account_id from ${built})
    select distinct cast(month as varchar) as month from rows_now_or_built where ${sql.join(wanted, sql` or `)}`.execute(
    db,
  );
  return rows.rows.map((row) => row.month).sort();
}
