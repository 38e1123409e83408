/**
 * How a text file's first bytes show it is UTF-16, not the UTF-8 every text source must be: a byte-order
 * mark, or ASCII text with a NUL in every other byte (`utf-16le` or `utf-16be`, for iconv). Undefined when
 * it is not UTF-16. Checked before DuckDB reads a CSV or JSON Lines file: DuckDB's own error says only
 * that the file is not UTF-8, naming no line and no way out.
 */
export function utf16Encoding(bytes: Uint8Array): 'bom' | 'utf-16le' | 'utf-16be' | undefined {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return 'bom';
  return withoutByteOrderMark(bytes);
}

/**
 * ASCII text written as UTF-16 without a BOM: a NUL in every other byte. Among the first 256 pairs, at
 * least 90% have exactly one NUL, always on the same side (little- or big-endian); binary data does not.
 */
function withoutByteOrderMark(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const pairs = Math.min(256, Math.floor(bytes.length / 2));
  if (pairs < 2) return undefined;
  let low = 0;
  let high = 0;
  for (let pair = 0; pair < pairs; pair++) {
    const first = bytes[2 * pair]!;
    const second = bytes[2 * pair + 1]!;
    if (first !== 0 && second === 0) low++;
    else if (first === 0 && second !== 0) high++;
  }
  if (low >= 0.9 * pairs) return 'utf-16le';
  if (high >= 0.9 * pairs) return 'utf-16be';
  return undefined;
}
