/**
 * Pulse's own escape sequences: SGR colours (colors.ts) and the live progress line's "return, erase the
 * line" (run-reporter.ts). Every other control character in the CLI's output came from data.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is this file's purpose
const OWN_SEQUENCE = /\x1b\[[0-9;]*m|\r\x1b\[2K/y;
/** C0 controls but tab and newline, DEL, and the C1 controls (U+0080–U+009F: U+009B is a CSI on its own). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: as above
const CONTROL = /[\x00-\x08\x0a-\x1f\x7f-\x9f]/;

/**
 * The text with every control character that Pulse did not write shown as `\xNN` (newline and tab kept).
 * Export data reaches the terminal through file names, quarantined values, account names and segments:
 * an `ESC[2J` in a file name cleared the screen, an OSC 8 sequence in an id printed a live link, and an
 * `ESC c` in an account name reset the terminal. Applied once, to everything the CLI prints (processIo).
 */
export function terminalSafe(text: string): string {
  if (!CONTROL.test(text.replaceAll('\n', ''))) return text;
  let safe = '';
  for (let at = 0; at < text.length; ) {
    OWN_SEQUENCE.lastIndex = at;
    const own = OWN_SEQUENCE.exec(text);
    if (own) {
      safe += own[0];
      at += own[0].length;
      continue;
    }
    const char = text[at]!;
    const code = char.charCodeAt(0);
    safe +=
      char === '\n' || char === '\t' || !CONTROL.test(char)
        ? char
        : `\\x${code.toString(16).padStart(2, '0')}`;
    at += 1;
  }
  return safe;
}
