import { defineSource } from '@pulse/core';

/** A row for the reporting currency is loaded but ignored downstream: it always converts at 1. */
export const fxRatesSource = defineSource({
  name: 'fx_rates',
  required: false,
  description:
    'Exchange rates: a money value in currency C at date D converts with the rate of C on the latest date <= D.',
  columns: [
    { name: 'date', type: 'date', required: true, description: 'First day the rate applies.' },
    { name: 'currency', type: 'currency', required: true, description: 'The foreign currency.' },
    {
      name: 'rate',
      type: 'decimal',
      required: true,
      range: { min: 0, minExclusive: true },
      description: 'Units of the reporting currency for 1 unit of currency.',
    },
  ],
  uniqueKeys: [['date', 'currency']],
});
