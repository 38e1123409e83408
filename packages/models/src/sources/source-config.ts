/**
 * What the sources' row checks read of pulse.config.json. config.ts validates its keys against the
 * sources (their names and columns), so the sources name the few settings they need here instead of
 * importing the config's type back. PulseConfig is one of these.
 */
export interface SourceConfig {
  /** ISO 4217 code of every money metric; a config not yet through zod may leave it out. */
  readonly reporting_currency?: string;
}

/** The reporting currency when the config names none (config.ts's default too). */
export const DEFAULT_REPORTING_CURRENCY = 'USD';
