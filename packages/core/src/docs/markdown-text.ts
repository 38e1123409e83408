/**
 * Text placed in a Markdown table cell: a pipe would end the cell and a line break the row, so both are
 * neutralised; everything else (backticks, emphasis) is kept, as the descriptions are written for it.
 */
export function cellText(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
}

/** `name` as inline code; a backtick inside gets a wider fence, as CommonMark asks. */
export function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  const pad = text.includes('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A GitHub-flavoured Markdown table; cells are written as given (escape them with cellText). */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
