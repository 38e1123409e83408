// Text drawn on a coloured fill (the numbers on heatmap cells): black or white, whichever contrasts
// more with that fill. One of the two always reaches 4.58:1 (WCAG 1.4.3 asks 4.5:1), whatever the fill;
// a fixed threshold on the value instead put white on cividis' mid greys at 3.7–4.2:1.
import * as d3 from 'd3';

/** WCAG 2.1 relative luminance of a CSS colour. */
export function luminance(color) {
  const { r, g, b } = d3.rgb(color);
  const [red, green, blue] = [r, g, b].map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * red + 0.7152 * green + 0.0722 * blue;
}

/** 'black' or 'white': the text colour of more contrast on `fill` (an opaque CSS colour). */
export function textOn(fill) {
  const l = luminance(fill);
  return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? 'black' : 'white';
}
