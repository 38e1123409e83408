// @vitest-environment jsdom
// How accounts and the account pages' note read on the site. An account named only with spaces showed an
// empty heading on its page and "id · " in lists; the note said all qualifying accounts "have a page"
// (with nested parentheses) and then that some of them could not have one.
import { describe, expect, it } from 'vitest';
import { accountPagesNote } from '../src/components/account-pages-note.js';
import { accountCell } from '../src/components/accounts.js';

describe('account labels', () => {
  it('are the id alone when the name is empty or blank', () => {
    const pages = new Set();
    expect(accountCell('A1', pages, 'Acme').textContent).toBe('A1 · Acme');
    for (const blank of [null, '', '   ', '\t'])
      expect(accountCell('A1', pages, blank).textContent).toBe('A1');
  });
});

describe('the account pages note', () => {
  it('says how many pages are published when some ids cannot be a file name, without nested parentheses', () => {
    const note = accountPagesNote({ qualifying: 57, with_page: 57, published: 49, max: 500, reasons: [] });
    expect(note.textContent).toContain(
      'All 57 accounts that qualify are given a page (within account_pages_max, now 500).',
    );
    expect(note.textContent).toContain('listed elsewhere without a link, so 49 pages are published.');
  });
});
