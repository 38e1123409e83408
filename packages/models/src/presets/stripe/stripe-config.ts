import { z } from 'zod';
import { PRESET_DEFAULTS } from '../preset-defaults.js';
import { presetPath } from '../preset-path.js';

/** The canonical sources the Stripe preset can feed (ADAPTERS.md section 2). */
export const STRIPE_SOURCES = ['accounts', 'subscriptions', 'invoices'] as const;

/** `presets.stripe` of pulse.config.json. */
export const stripePresetSchema = z
  .object({
    path: presetPath(PRESET_DEFAULTS.stripe.path),
    provides: z
      .array(z.enum(STRIPE_SOURCES))
      .min(1)
      .optional()
      .describe('the sources the Stripe tables feed (default: accounts, subscriptions and invoices)'),
    metadata: z
      .object({
        segment: z.string().min(1).optional(),
        region: z.string().min(1).optional(),
        acquisition_channel: z.string().min(1).optional(),
      })
      .strict()
      .optional()
      .describe(
        "accounts column → the key of the customer's metadata that holds it (default: each column's own name; a column left out of a given option reads no key)",
      ),
  })
  .strict()
  .describe('Stripe tables as synced by Fivetran, Airbyte or Stripe Data Pipeline');

export type StripePresetOptions = z.infer<typeof stripePresetSchema>;

export function stripeProvides(options: StripePresetOptions): readonly string[] {
  return options.provides ?? STRIPE_SOURCES;
}
