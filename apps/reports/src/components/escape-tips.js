// Escape closes the tooltip Plot shows under the pointer (WCAG 1.4.13: content shown on hover can be
// dismissed without moving the pointer). Plot listens on each chart's SVG: a pointerleave hides a tip
// that follows the pointer, and a pointerdown outside the tip unpins one pinned by a click. Moving the
// pointer shows a tip again.

/** SVGs with a tip open: a tip mark's <g> holds its content only while a tip shows. */
const withOpenTip = (root) =>
  new Set(
    [...root.querySelectorAll('g[aria-label="tip"]')]
      .filter((g) => g.firstChild)
      .map((g) => g.ownerSVGElement),
  );

function closeTips(event) {
  if (event.key !== 'Escape') return;
  for (const svg of withOpenTip(document)) {
    if (!svg) continue;
    svg.dispatchEvent(new PointerEvent('pointerleave', { pointerType: 'mouse' }));
    // Still open: pinned by a click. Plot unpins on a mouse press that is not on the tip.
    if (withOpenTip(svg).size > 0)
      svg.dispatchEvent(new PointerEvent('pointerdown', { pointerType: 'mouse' }));
  }
}

let installed = false;

/** Listens for Escape on the page, once however many charts call it. */
export function closeTipsOnEscape() {
  if (installed) return;
  installed = true;
  document.addEventListener('keydown', closeTips);
}
