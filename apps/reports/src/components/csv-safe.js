// CSV injection (OWASP): a spreadsheet runs a cell starting with = + - @ (or tab / carriage return,
// which some spreadsheets skip before looking for one) as a formula, so a channel or account named
// =HYPERLINK("http://x") would be live in a downloaded CSV. A leading single quote makes it text.
// Numbers are data, never formulas: -12.5 stays -12.5 so the CSV keeps its full-precision values.

const TRIGGER = /^[=+\-@\t\r]/;

/** The cell text as written to the CSV: numbers untouched, formula-like text prefixed with '. */
export function neutraliseCell(value) {
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  const text = String(value);
  return TRIGGER.test(text) ? `'${text}` : text;
}
