import { defineModel, expression, hoursBetween } from '@pulse/core';
import { z } from 'zod';
import { stgTickets } from '../staging/stg_tickets.js';

/**
 * The tickets behind `support_monthly`, one per row, for an account's page. Times are what is known at
 * the end of the as_of day (stg_tickets): a later reply or resolution is not known yet, so the ticket is open.
 */
export const accountTickets = defineModel({
  name: 'account_tickets',
  layer: 'marts',
  materialized: 'table',
  description:
    'Every support ticket created by the as-of date, with the account that raised it and how long its first reply and its resolution took.',
  grain: ['ticket_id'],
  columns: z.object({
    ticket_id: z.string().describe('Ticket identifier from the helpdesk export.'),
    account_id: z.string().describe('Account that raised the ticket.'),
    created_at: z.date().describe('When the ticket was opened (UTC).'),
    priority: z.string().describe('low, normal, high or urgent.'),
    channel: z.string().nullable().describe('Channel the ticket came in through (email, chat, …).'),
    first_response_at: z
      .date()
      .nullable()
      .describe('First reply from support (UTC); empty while no reply was sent by the end of the as_of day.'),
    resolved_at: z
      .date()
      .nullable()
      .describe('When the ticket was resolved (UTC); empty while it is open at the end of the as_of day.'),
    first_response_hours: z
      .number()
      .nullable()
      .describe('Hours from opening to the first reply; empty without a reply.'),
    resolution_hours: z
      .number()
      .nullable()
      .describe('Hours from opening to resolution (time to resolution); empty while the ticket is open.'),
    is_open: z.boolean().describe('Not resolved by the end of the as_of day.'),
  }),
  tests: [
    expression('resolution_hours is null or resolution_hours >= 0', {
      name: 'account_tickets_resolution_not_negative',
    }),
    expression('is_open = (resolved_at is null)', { name: 'account_tickets_open_means_unresolved' }),
  ],
  inputs: [stgTickets],
  build: (db) =>
    db
      .selectFrom('stg_tickets')
      .select((eb) => [
        'ticket_id',
        'account_id',
        'created_at',
        'priority',
        'channel',
        'first_response_at',
        'resolved_at',
        hoursBetween(eb, 'created_at', 'first_response_at').as('first_response_hours'),
        hoursBetween(eb, 'created_at', 'resolved_at').as('resolution_hours'),
        eb('resolved_at', 'is', null).as('is_open'),
      ]),
});
