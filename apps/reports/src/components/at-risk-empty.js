// What the Health page says where its at-risk table would be empty. "No account is at risk" is good news,
// and was said also when there was no score at all (no health_scores rows, or none for the segment in the
// latest month): a reader took missing data for a healthy book.

/**
 * The sentence for an empty at-risk table: `counts` are the health band counts (month, segment, band,
 * accounts) of every segment, `segment` the one picked ('all' for every account).
 */
export function atRiskEmptyMessage(counts, segment) {
  if (counts.length === 0)
    return 'No account has a health score yet: the health score needs active accounts with data in a month.';
  const latest = Math.max(...counts.map((c) => +c.month));
  const scored = counts
    .filter((c) => c.segment === segment && +c.month === latest)
    .reduce((sum, c) => sum + c.accounts, 0);
  if (scored === 0) return 'No account of this segment has a health score in the latest month.';
  return 'No account is at risk in this segment: every scored account is in the healthy band.';
}
