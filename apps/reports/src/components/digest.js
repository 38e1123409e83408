// The digest: the latest complete month in plain words (Markdown), shown as the text `pulse digest` prints
// (run_results.json `digest`, written by the build from the marts), to copy into an email or chat.
import { el } from './dom.js';

/** @param {{month: string|null, markdown: string}|null} digest */
export function digestCard(digest) {
  const head = el('h2', {}, 'The month in plain words');
  if (!digest)
    return el(
      'div',
      { class: 'card', 'data-digest': 'none' },
      head,
      el(
        'p',
        {},
        'This run has no digest: its run_results.json has none (',
        el('code', {}, 'pulse test'),
        ' writes none).',
      ),
    );
  // "Copied" is announced, not only shown (WCAG 4.1.3).
  const copy = el(
    'button',
    { type: 'button', class: 'pulse-digest-copy', 'aria-live': 'polite' },
    'Copy text',
  );
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(digest.markdown);
      copy.textContent = 'Copied';
    } catch {
      copy.textContent = 'Select the text to copy it';
    }
  });
  return el(
    'div',
    { class: 'card', 'data-digest': digest.month ?? '' },
    head,
    el(
      'h3',
      {},
      'What ',
      el('code', {}, 'pulse digest'),
      ' prints: Markdown, ready to paste into an email or chat',
    ),
    el('div', { class: 'pulse-chart-actions' }, copy),
    el('pre', { class: 'pulse-digest' }, digest.markdown),
  );
}
