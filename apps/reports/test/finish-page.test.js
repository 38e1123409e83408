import { describe, expect, it } from 'vitest';
import { finishPage } from '../scripts/lib/finish-page.js';

const BUILT = `<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, maximum-scale=1">
<title>Account | Pulse</title>
</head>
<body>
<h1 id="account" tabindex="-1"><a class="observablehq-header-anchor" href="#account">Account</a></h1>`;

describe('finishPage', () => {
  it('adds the language, lets a phone zoom and titles an account page and its heading with its account', () => {
    expect(finishPage(BUILT, { account: 'A&1' })).toBe(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Account A&#38;1 | Pulse</title>
</head>
<body>
<a class="pulse-skip-link" href="#observablehq-main">Skip to the report</a>
<h1 id="account" tabindex="-1"><a class="observablehq-header-anchor" href="#account">Account A&#38;1</a></h1>`);
  });

  it('adds the skip link once, however often a page is finished', () => {
    const twice = finishPage(finishPage(BUILT));
    expect(twice.match(/pulse-skip-link/g)).toHaveLength(1);
    expect(twice).toContain('<body>\n<a class="pulse-skip-link" href="#observablehq-main">');
  });

  it('leaves the title of any other page as it is', () => {
    expect(finishPage(BUILT)).toContain('<title>Account | Pulse</title>');
    expect(finishPage(BUILT)).toContain('href="#account">Account</a></h1>');
  });
});
