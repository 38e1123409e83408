// The CSV neutraliser alone; the browser suite checks real downloads of the fake marts' formula-like
// channels, segment and account ids (test/browser/site.test.ts).
import { describe, expect, it } from 'vitest';
import { toCsv } from '../src/components/csv.js';
import { neutraliseCell } from '../src/components/csv-safe.js';

describe('neutraliseCell', () => {
  it.each([
    ['=HYPERLINK("http://x")', `'=HYPERLINK("http://x")`],
    ['+1+2', "'+1+2"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\r=1', "'\r=1"],
    ['\n=1+1', "'\n=1+1"],
    [' =1+1', "' =1+1"],
    ['\u00a0=1+1', "'\u00a0=1+1"],
    ['\u3000@SUM(A1)', "'\u3000@SUM(A1)"],
    ['\uff1dHYPERLINK("http://x")', `'\uff1dHYPERLINK("http://x")`],
    ['\uff0b1', "'\uff0b1"],
    ['\uff0d1', "'\uff0d1"],
    ['\uff20SUM(A1)', "'\uff20SUM(A1)"],
  ])('prefixes %j with a quote', (text, safe) => {
    expect(neutraliseCell(text)).toBe(safe);
  });

  it.each([
    [-12.5, '-12.5'],
    [0, '0'],
    [1e-7, '1e-7'],
    ['organic', 'organic'],
    ['a=b', 'a=b'],
    ['Acme (=)', 'Acme (=)'],
    [' organic', ' organic'],
    ['', ''],
  ])('leaves %j as it is', (value, text) => {
    expect(neutraliseCell(value)).toBe(text);
  });
});

describe('toCsv', () => {
  it('neutralises text cells, keeps negative numbers and still quotes RFC 4180 style', () => {
    const rows = [
      { channel: '=HYPERLINK("http://x")', cac: -12.5 },
      { channel: '-x', cac: 3 },
    ];
    expect(toCsv(rows, ['channel', 'cac'])).toBe(`channel,cac\r\n"'=HYPERLINK(""http://x"")",-12.5\r\n'-x,3`);
  });
});
