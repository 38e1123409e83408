import { dateValue, defineModel, endOfDay } from '@pulse/core';
import { z } from 'zod';
import type { PulseVars } from '../config.js';
import { rawTickets } from '../sources/raw-tables.js';
import { stgAccounts } from './stg_accounts.js';

/**
 * Support tickets as known at the end of the as_of day: a response or resolution stamped later has not
 * happened yet, so the ticket is still waiting or open as of then.
 */
export const stgTickets = defineModel({
  name: 'stg_tickets',
  layer: 'staging',
  materialized: 'table',
  description:
    'One row per support ticket created by the end of the as_of day, for accounts that exist by then; ' +
    'responses and resolutions after that day are not known yet.',
  grain: ['ticket_id'],
  columns: z.object({
    ticket_id: z.string().describe('Ticket identifier from the helpdesk export.'),
    account_id: z.string().describe('Account that raised the ticket.'),
    created_at: z.date().describe('When the ticket was opened (UTC).'),
    first_response_at: z
      .date()
      .nullable()
      .describe('First reply from support (UTC); empty while no reply was sent by the end of the as_of day.'),
    resolved_at: z
      .date()
      .nullable()
      .describe(
        'When the ticket was resolved (UTC); empty while it is still open at the end of the as_of day.',
      ),
    priority: z.string().describe('low, normal, high or urgent; `normal` when not given.'),
    channel: z.string().nullable().describe('Channel the ticket came in through (email, chat, …).'),
  }),
  inputs: [stgAccounts, rawTickets],
  build: (db, { vars }: { vars: PulseVars }) => {
    const endOfAsOf = endOfDay(dateValue(vars.asOf));
    return db
      .selectFrom('raw.tickets as t')
      .innerJoin('stg_accounts as a', 'a.account_id', 't.account_id')
      .select((eb) => {
        const knownByAsOf = (column: 't.first_response_at' | 't.resolved_at') =>
          eb.case().when(column, '<', endOfAsOf).then(eb.ref(column)).end();
        return [
          't.ticket_id',
          't.account_id',
          't.created_at',
          knownByAsOf('t.first_response_at').as('first_response_at'),
          knownByAsOf('t.resolved_at').as('resolved_at'),
          't.priority',
          't.channel',
        ];
      })
      .where('t.created_at', '<', endOfAsOf);
  },
});
