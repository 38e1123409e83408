/** The project's as-of day, when its vars have one (`asOf` or `as_of`, `YYYY-MM-DD`). */
export function asOfOf(vars: unknown): string | null {
  if (!vars || typeof vars !== 'object') return null;
  const record = vars as Record<string, unknown>;
  const value = record.asOf ?? record.as_of;
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null;
}
