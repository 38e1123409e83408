import { describe, expect, it } from 'vitest';
import { terminalSafeStream } from '../../src/progress/output.js';
import { terminalSafe, terminalSafeJson } from '../../src/progress/terminal-safe.js';

describe('terminalSafe', () => {
  it('shows the control characters data brings as \\xNN', () => {
    expect(terminalSafe('a\x1b[2Jb')).toBe('a\\x1b[2Jb'); // clear the screen
    expect(terminalSafe('\x1b]8;;https://x.example\x07link\x1b]8;;\x07')).toBe(
      '\\x1b]8;;https://x.example\\x07link\\x1b]8;;\\x07', // an OSC 8 hyperlink
    );
    expect(terminalSafe('acme\x1bc')).toBe('acme\\x1bc'); // reset the terminal
    expect(terminalSafe('x\u009b2Jy')).toBe('x\\x9b2Jy'); // C1 CSI, a control on its own
    expect(terminalSafe('a\rb\x00c\x7f\x08')).toBe('a\\x0db\\x00c\\x7f\\x08');
  });

  // Any `ESC[…m` passed as Pulse's own: a file name holding `ESC[8m` (conceal) hid the rest of the line,
  // and U+202E printed an account name's line backwards.
  it('shows SGR codes Pulse never writes, and bidirectional overrides, as escapes', () => {
    expect(terminalSafe('events/\x1b[8mpart.csv')).toBe('events/\\x1b[8mpart.csv');
    expect(terminalSafe('Acme\u202eRTL\u2066x')).toBe('Acme\\u202eRTL\\u2066x');
  });

  it('off a terminal, where Pulse writes no colour, shows every escape sequence', () => {
    expect(terminalSafe('\x1b[31mred\x1b[39m', false)).toBe('\\x1b[31mred\\x1b[39m');
    const written: string[] = [];
    const piped = { write: (text: string) => written.push(text), isTTY: false };
    terminalSafeStream(piped as unknown as NodeJS.WriteStream).write('\x1b[31mred\n');
    expect(written).toEqual(['\\x1b[31mred\n']);
  });

  // `pulse digest --json` of an account name holding DEL printed `\x7f`: not a JSON escape.
  it('JSON for --json: valid, the same value, and left as it is by terminalSafe', () => {
    const value = { name: 'a\x7fb\u0085c\u202ed\x1b[2Je\n' };
    const text = terminalSafeJson(value);
    expect(JSON.parse(text)).toEqual(value);
    expect(terminalSafe(text)).toBe(text);
    expect(terminalSafe(text, false)).toBe(text);
  });

  it('keeps text, newlines, tabs, colours and the progress line’s erase as they are', () => {
    const own = '\x1b[1m\x1b[31mfailed\x1b[0m\tcafé ✓\n\r\x1b[2K[3/35] building…';
    expect(terminalSafe(own)).toBe(own);
  });

  it('wraps a stream: every write goes through it, and isTTY and columns are the stream’s', () => {
    const written: string[] = [];
    const stream = { write: (text: string) => written.push(text), isTTY: true, columns: 77 };
    const safe = terminalSafeStream(stream as unknown as NodeJS.WriteStream);
    safe.write('file \x1b[2J.csv\n');
    expect(written).toEqual(['file \\x1b[2J.csv\n']);
    expect([safe.isTTY, safe.columns]).toEqual([true, 77]);
  });
});
