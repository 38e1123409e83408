import { sqlString } from './sql-text.js';

/**
 * Whitespace trimmed off a value and off a rule's value alike, in SQL: the set JavaScript's trim() removes
 * (RE2's \s is ASCII only, hence \p{Z} for spaces and separators, and VT and the BOM written as they are).
 */
const EDGE_SPACE = '[\\s\\p{Z}\u000b\ufeff]';
const EDGE_SPACES = `^${EDGE_SPACE}+|${EDGE_SPACE}+$`;

/**
 * `text` as a rule on an export column compares it (`leave_out`, `empty_unless`): trimmed of the same
 * whitespace as the rule's values, lower-cased by DuckDB (both sides folded by the same function, as
 * JavaScript and DuckDB fold some letters apart). A regexp, not trim(text, characters): at 5M values
 * 0.5 s against 3.8 s (trim of spaces alone: 0.35 s).
 */
export function comparedText(text: string): string {
  return `lower(regexp_replace(${text}, ${sqlString(EDGE_SPACES)}, '', 'g'))`;
}
