/**
 * An option or command row: two spaces, a term without a double space in it (`--data DIR`, `-h, --help`,
 * `build`), two or more spaces, its description. The description column is where the description starts.
 */
const DEFINITION_ROW = /^( {2}\S+(?: \S+)* {2,})(\S.*)$/;

const LIST_ITEM = '- ';

/** A block being filled: what its first line starts with, the indent of the lines after it, its words. */
interface OpenBlock {
  readonly lead: string;
  readonly hangingIndent: number;
  readonly words: string[];
}

/**
 * Fits a help text to `width` columns when it is printed, so a narrow terminal never breaks a line
 * mid-word. Help texts are written one block per line, and each kind of line keeps its shape:
 * - a blank line stays blank;
 * - an option or command row (DEFINITION_ROW) wraps its description under the description column;
 * - a list item (`- `) wraps under its text, two columns in;
 * - a line indented exactly to that hanging indent, right below such a row or item, continues it (an
 *   option's description may take several source lines);
 * - any other indented line (an example, a JSON sample) is printed as written: keep it within 80 columns;
 * - any other line is a paragraph, re-flowed whole: write a paragraph as one line (in a template literal
 *   a backslash at the end of a source line continues the same line).
 * A word longer than the width is not cut (a path or a flag must stay whole): its line is longer.
 */
export function wrapHelp(text: string, width: number): string {
  const lines: string[] = [];
  let open: OpenBlock | undefined;
  const close = () => {
    if (open) lines.push(...filled(open, width));
    open = undefined;
  };
  for (const line of text.split('\n')) {
    const indent = line.length - line.trimStart().length;
    const blank = line.trim() === '';
    if (open && open.hangingIndent > 0 && indent === open.hangingIndent && !blank) {
      open.words.push(...wordsOf(line));
      continue;
    }
    close();
    const row = DEFINITION_ROW.exec(line);
    if (blank) lines.push('');
    else if (row) open = { lead: row[1]!, hangingIndent: row[1]!.length, words: wordsOf(row[2]!) };
    else if (line.startsWith(LIST_ITEM))
      open = {
        lead: LIST_ITEM,
        hangingIndent: LIST_ITEM.length,
        words: wordsOf(line.slice(LIST_ITEM.length)),
      };
    else if (indent > 0) lines.push(line);
    else open = { lead: '', hangingIndent: 0, words: wordsOf(line) };
  }
  close();
  return lines.join('\n');
}

function wordsOf(text: string): string[] {
  return text.trim().split(/\s+/);
}

/** Greedy fill: as many words on a line as fit, the lines after the first at the hanging indent. */
function filled({ lead, hangingIndent, words }: OpenBlock, width: number): string[] {
  const lines: string[] = [];
  let line = lead;
  let lineHasWord = false;
  for (const word of words) {
    if (lineHasWord && columnsOf(line) + 1 + columnsOf(word) > width) {
      lines.push(line);
      line = ' '.repeat(hangingIndent) + word;
    } else line += lineHasWord ? ` ${word}` : word;
    lineHasWord = true;
  }
  lines.push(line);
  return lines;
}

/** Help is plain text: one code point is one column (… and ← included). */
function columnsOf(text: string): number {
  return [...text].length;
}
