import { defineModel } from '@pulse/core';
import { z } from 'zod';
import type { PulseVars } from '../config.js';
import { rawEvents, rawInvoices, rawSpend, rawSurveyResponses, rawTickets } from '../sources/raw-tables.js';

export const OPTIONAL_SOURCES = ['invoices', 'events', 'tickets', 'survey_responses', 'spend'] as const;

/**
 * Vars as a runner may pass them: `presentSources` lists the sources whose export was found. Ingestion
 * always creates every `raw.*` table, so without it an empty table is the only sign of a missing source
 * (and a present but empty export reads as missing).
 */
export type SourceAwareVars = PulseVars & { readonly presentSources?: readonly string[] };

/**
 * G3: a missing optional source empties the marts it drives (or NULLs their columns), while a present
 * one with no matching rows gives zeros. Marts read that distinction here instead of guessing.
 */
export const intOptionalSources = defineModel({
  name: 'int_optional_sources',
  layer: 'intermediate',
  materialized: 'table',
  description: 'One row per optional raw source, saying whether its export was present in this build.',
  grain: ['source'],
  columns: z.object({
    source: z
      .string()
      .describe('Optional source name: invoices, events, tickets, survey_responses or spend.'),
    is_present: z.boolean().describe('True when the data folder held an export for the source.'),
  }),
  inputs: [rawInvoices, rawEvents, rawTickets, rawSurveyResponses, rawSpend],
  build: (db, { vars }: { vars: SourceAwareVars }) => {
    const present = vars.presentSources;
    const rows = OPTIONAL_SOURCES.map((source) =>
      db.selectNoFrom((eb) => [
        eb.val(source).as('source'),
        (present
          ? eb.val(present.includes(source))
          : eb.exists(db.selectFrom(`raw.${source}`).select(eb.lit(1).as('one')))
        ).as('is_present'),
      ]),
    );
    return rows.slice(1).reduce((query, row) => query.unionAll(row), rows[0]!);
  },
});
