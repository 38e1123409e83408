// CSV injection (OWASP): a spreadsheet runs a cell starting with = + - @ (or tab / carriage return,
// which some spreadsheets skip before looking for one) as a formula, so a channel or account named
// =HYPERLINK("http://x") would be live in a downloaded CSV. A leading single quote makes it text.
// Spreadsheets also trim leading spaces, line breaks and no-break spaces before reading a formula, and
// some read the full-width ＝ ＋ － ＠ (East Asian input) as the ASCII signs: those count too.
// Numbers are data, never formulas: -12.5 stays -12.5 so the CSV keeps its full-precision values.

const TRIGGER = /^(?:[\t\r\n]|\s*[=+\-@\uff1d\uff0b\uff0d\uff20])/;

/** The cell text as written to the CSV: numbers untouched, formula-like text prefixed with '. */
export function neutraliseCell(value) {
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  const text = String(value);
  return TRIGGER.test(text) ? `'${text}` : text;
}
