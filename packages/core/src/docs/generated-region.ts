import { GeneratedRegionMissingError } from './docs-errors.js';

/**
 * A hand-written doc may hold one generated part between these two lines: `pulse docs` rewrites what
 * lies between them and keeps the prose around them, so a table derived from code is written once.
 */
export const REGION_BEGIN = '<!-- pulse docs: generated from the source definitions, do not edit below -->';
export const REGION_END = '<!-- pulse docs: end of the generated part -->';

/** `document` with the text between the markers replaced by `generated`. */
export function withGeneratedRegion(document: string, generated: string, file: string): string {
  const begin = document.indexOf(REGION_BEGIN);
  const end = document.indexOf(REGION_END);
  if (begin === -1 || end === -1 || end < begin) {
    throw new GeneratedRegionMissingError(
      `${file} has lost the markers of its generated part: put back the lines\n  ${REGION_BEGIN}\n  ${REGION_END}\n` +
        'where the source tables belong, then run `npx pulse docs`.',
    );
  }
  return `${document.slice(0, begin + REGION_BEGIN.length)}\n\n${generated.trim()}\n\n${document.slice(end)}`;
}
