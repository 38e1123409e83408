import { describe, expect, it } from 'vitest';
import { finishPage } from '../scripts/lib/finish-page.js';

const BUILT = `<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, maximum-scale=1">
<title>Account | Pulse</title>`;

describe('finishPage', () => {
  it('adds the language, lets a phone zoom and titles an account page with its account', () => {
    expect(finishPage(BUILT, { account: 'A&1' })).toBe(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Account A&#38;1 | Pulse</title>`);
  });

  it('leaves the title of any other page as it is', () => {
    expect(finishPage(BUILT)).toContain('<title>Account | Pulse</title>');
  });
});
