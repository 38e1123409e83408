import { describe, expect, it } from 'vitest';
import { wrapHelp } from '../../src/cli/wrap-help.js';

describe('wrapHelp', () => {
  it('re-flows a paragraph to the width, breaking between words only', () => {
    expect(wrapHelp('one two three four five six seven', 14)).toBe('one two three\nfour five six\nseven');
  });

  it('keeps each line a paragraph of its own and blank lines blank', () => {
    expect(wrapHelp('First note.\nSecond note.\n\nThird.', 60)).toBe('First note.\nSecond note.\n\nThird.');
  });

  it('wraps an option description under its column, continuation lines of the source included', () => {
    const help = [
      '  --data DIR   raw export folder (env PULSE_DATA_DIR;',
      '               default <root>/data/raw)',
      '  -h, --help   show this help',
    ].join('\n');
    expect(wrapHelp(help, 40)).toBe(
      [
        '  --data DIR   raw export folder (env',
        '               PULSE_DATA_DIR; default',
        '               <root>/data/raw)',
        '  -h, --help   show this help',
      ].join('\n'),
    );
  });

  it('wraps a command row of a table under its summary', () => {
    expect(wrapHelp('  build  ingest the exports and publish', 24)).toBe(
      '  build  ingest the\n         exports and\n         publish',
    );
  });

  it('keeps the bullet of a list item and wraps its text two columns in, continuation lines included', () => {
    const help = '- first item that goes on\n  and on\n- second';
    expect(wrapHelp(help, 16)).toBe('- first item\n  that goes on\n  and on\n- second');
  });

  it('prints any other indented line as written (an example, a JSON sample)', () => {
    const help = 'Targets, e.g.\n  { "targets": [ { "metric": "mrr" } ] }\n    pulse build --data DIR';
    expect(wrapHelp(help, 20)).toBe(help);
  });

  it('an indented line after a paragraph is an example, not a continuation', () => {
    expect(wrapHelp('Then:\n  pulse build', 60)).toBe('Then:\n  pulse build');
  });

  it('never cuts a word longer than the width', () => {
    expect(wrapHelp('see postgres://user:password@host:port/db now', 12)).toBe(
      'see\npostgres://user:password@host:port/db\nnow',
    );
  });

  it('counts a non-ASCII character as one column', () => {
    expect(wrapHelp('old → new → newer', 11)).toBe('old → new →\nnewer');
  });

  it('gives the same text for the same width: already fitted help is unchanged', () => {
    const help = 'Usage: pulse ls [options]\n\nOptions:\n  -h, --help   show this help';
    expect(wrapHelp(help, 100)).toBe(help);
    expect(wrapHelp(wrapHelp(help, 60), 60)).toBe(wrapHelp(help, 60));
  });
});
