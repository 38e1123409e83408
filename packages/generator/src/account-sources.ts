import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { drawProfile } from './account-profile.js';
import { type Day, dayOf, formatDay, monthsBetween } from './calendar.js';
import { type CorruptRow, type CorruptSource, corruptRows } from './corrupt-rows.js';
import type { CsvValue } from './csv.js';
import type { ResolvedGenerateOptions } from './generate-options.js';
import { simulateInvoices } from './invoices.js';
import { simulateLifecycle } from './lifecycle.js';
import {
  ACCOUNTS,
  accountFields,
  INVOICES,
  invoiceFields,
  SUBSCRIPTIONS,
  SURVEY_RESPONSES,
  subscriptionFields,
  surveyFields,
  TICKETS,
  ticketFields,
} from './source-tables.js';
import { NewBusinessLedger } from './spend.js';
import { simulateSurveys } from './surveys.js';
import { TextSink } from './text-sink.js';
import { simulateTickets } from './tickets.js';
import { SignupCalendar, type Timeline } from './timeline.js';

export interface AccountSourcesSummary {
  readonly rows: Readonly<Record<string, number>>;
  readonly won: NewBusinessLedger;
  readonly corrupt: readonly CorruptRow[];
}

function yearOf(day: Day): number {
  return Number(formatDay(day).slice(0, 4));
}

/**
 * The tickets export is a folder, one file per year as a nightly job leaves it, plus an archive file with a
 * header and no rows and a 0-byte file from an upload that failed (skipped with a warning).
 */
async function openTickets(outDir: string, timeline: Timeline): Promise<Map<number, TextSink>> {
  const folder = join(outDir, 'tickets');
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, 'tickets-archive.csv'), TICKETS.header);
  await writeFile(join(folder, 'tickets-upload-incomplete.csv'), '');
  const sinks = new Map<number, TextSink>();
  for (let year = yearOf(timeline.firstDay); year <= yearOf(timeline.lastDay); year++) {
    const sink = TextSink.open(join(folder, `tickets-${year}.csv`));
    sink.push(TICKETS.header);
    sinks.set(year, sink);
  }
  return sinks;
}

/**
 * Simulates every account in order and writes the per-account sources: accounts, subscriptions, invoices,
 * tickets and survey_responses. Counts the accounts won per month and channel for the spend file.
 */
export async function writeAccountSources(
  options: ResolvedGenerateOptions,
  timeline: Timeline,
): Promise<AccountSourcesSummary> {
  const { outDir, seed, accounts } = options;
  const signups = new SignupCalendar(timeline);
  const won = new NewBusinessLedger();
  const open = (file: string, header: string) => {
    const sink = TextSink.open(join(outDir, file));
    sink.push(header);
    return sink;
  };
  const sinks = {
    accounts: open('accounts.csv', ACCOUNTS.header),
    subscriptions: open('subscriptions.csv', SUBSCRIPTIONS.header),
    invoices: open('invoices.csv', INVOICES.header),
    survey_responses: open('survey_responses.csv', SURVEY_RESPONSES.header),
  };
  const tickets = await openTickets(outDir, timeline);
  const rows = { accounts: 0, subscriptions: 0, invoices: 0, tickets: 0, survey_responses: 0 };
  const write = async (sink: TextSink, row: string, source: keyof typeof rows) => {
    rows[source]++;
    await sink.write(row);
  };
  let firstInvoice: Record<(typeof INVOICES.columns)[number], CsvValue> | null = null;
  const progressEvery = Math.max(1, Math.ceil(accounts / 10));
  try {
    for (let index = 1; index <= accounts; index++) {
      const profile = drawProfile(seed, index, accounts, signups);
      const lifecycle = simulateLifecycle(profile, timeline, seed);
      await write(sinks.accounts, ACCOUNTS.row(accountFields(profile)), 'accounts');
      for (const period of lifecycle.periods) {
        await write(
          sinks.subscriptions,
          SUBSCRIPTIONS.row(subscriptionFields(profile, period)),
          'subscriptions',
        );
      }
      for (const invoice of simulateInvoices(profile, lifecycle, timeline, seed)) {
        const fields = invoiceFields(profile, invoice);
        firstInvoice ??= fields;
        await write(sinks.invoices, INVOICES.row(fields), 'invoices');
      }
      const accountTickets = simulateTickets(profile, lifecycle, timeline, seed);
      for (const ticket of accountTickets) {
        const sink = tickets.get(yearOf(dayOf(ticket.createdAt)))!;
        await write(sink, TICKETS.row(ticketFields(profile, ticket)), 'tickets');
      }
      for (const response of simulateSurveys(profile, lifecycle, accountTickets, timeline, seed)) {
        await write(
          sinks.survey_responses,
          SURVEY_RESPONSES.row(surveyFields(profile, response)),
          'survey_responses',
        );
      }
      const firstPaid = lifecycle.periods.find(
        (period) => period.start === lifecycle.firstPaidDay && !period.isTrial,
      );
      if (firstPaid && profile.channel !== null) {
        won.add(monthsBetween(timeline.firstDay, firstPaid.start), profile.channel, firstPaid);
      }
      if (index % progressEvery === 0) options.onProgress(`accounts: ${index}/${accounts} simulated`);
    }
    const firstAccount = drawProfile(seed, 1, accounts, signups);
    const corrupt = corruptRows(options.corruptRows, {
      account: firstAccount,
      day: Math.min(dayOf(firstAccount.createdAt) + 10, timeline.lastDay),
      firstInvoice,
    });
    const lastTickets = tickets.get(yearOf(timeline.lastDay))!;
    const sinkOf: Record<CorruptSource, TextSink> = { ...sinks, tickets: lastTickets };
    for (const { source, row } of corrupt) await sinkOf[source].write(row);
    return { rows, won, corrupt };
  } finally {
    await Promise.all([...Object.values(sinks), ...tickets.values()].map((sink) => sink.close()));
  }
}
