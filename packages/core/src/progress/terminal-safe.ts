/**
 * Pulse's own escape sequences: the SGR codes of its colours (colors.ts: bold, dim, red, green, yellow,
 * their resets) and the live progress line's "return, erase the line" (run-reporter.ts). Any other
 * sequence came from data: a file name holding `ESC[8m` (conceal) hid what followed it.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is this file's purpose
const OWN_SEQUENCE = /\x1b\[(?:0|1|2|22|31|32|33|39)m|\r\x1b\[2K/y;
/**
 * C0 controls but tab and newline, DEL, the C1 controls (U+0080–U+009F: U+009B is a CSI on its own), and
 * the bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069), which reorder what follows
 * them on screen: an account name holding U+202E printed the rest of its line backwards.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: as above
const CONTROL = /[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

/** A control character as the text shows it: `\xNN`, or `\uNNNN` above U+00FF. */
function shown(code: number): string {
  return code < 0x100
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * The text with every control character that Pulse did not write shown as `\xNN` or `\uNNNN` (newline and
 * tab kept). Export data reaches the terminal through file names, quarantined values, account names and
 * segments: an `ESC[2J` in a file name cleared the screen, an OSC 8 sequence in an id printed a live link,
 * and an `ESC c` in an account name reset the terminal. Applied once, to everything the CLI prints
 * (processIo). `ownSequences` false (a stream that is not a terminal, where Pulse writes no colour) shows
 * every escape sequence.
 */
export function terminalSafe(text: string, ownSequences = true): string {
  if (!CONTROL.test(text.replaceAll('\n', ''))) return text;
  let safe = '';
  for (let at = 0; at < text.length; ) {
    if (ownSequences) {
      OWN_SEQUENCE.lastIndex = at;
      const own = OWN_SEQUENCE.exec(text);
      if (own) {
        safe += own[0];
        at += own[0].length;
        continue;
      }
    }
    const char = text[at]!;
    safe += char === '\n' || char === '\t' || !CONTROL.test(char) ? char : shown(char.charCodeAt(0));
    at += 1;
  }
  return safe;
}

/**
 * JSON text for a command's `--json` output that terminalSafe leaves as it is: DEL, the C1 controls and
 * the bidirectional controls written as `\uNNNN` escapes (JSON.stringify escapes only C0), so the output
 * stays valid JSON of the same value. Shown as `\x7f`, they made `pulse digest --json` invalid JSON.
 */
export function terminalSafeJson(value: unknown, indent = 2): string {
  return JSON.stringify(value, null, indent).replace(
    /[\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
