import { describe, expect, it } from 'vitest';
import { helpWidthOf } from '../../src/cli/help-width.js';

const io = (env: NodeJS.ProcessEnv, terminalColumns?: number) => ({
  env,
  stdout: { write: () => true, isTTY: terminalColumns !== undefined, columns: terminalColumns },
});

describe('helpWidthOf', () => {
  it('is 100 off a terminal without COLUMNS: a pipe or a file gets the same help every time', () => {
    expect(helpWidthOf(io({}))).toBe(100);
  });

  it("is the terminal's width, at most 100", () => {
    expect(helpWidthOf(io({}, 80))).toBe(80);
    expect(helpWidthOf(io({}, 240))).toBe(100);
  });

  it('takes COLUMNS first, on a terminal or not', () => {
    expect(helpWidthOf(io({ COLUMNS: '72' }))).toBe(72);
    expect(helpWidthOf(io({ COLUMNS: '72' }, 120))).toBe(72);
  });

  it('is never below 60, and ignores a COLUMNS that is not a number', () => {
    expect(helpWidthOf(io({ COLUMNS: '40' }))).toBe(60);
    expect(helpWidthOf(io({}, 20))).toBe(60);
    expect(helpWidthOf(io({ COLUMNS: 'wide' }, 90))).toBe(90);
    expect(helpWidthOf(io({ COLUMNS: '' }))).toBe(100);
  });
});
