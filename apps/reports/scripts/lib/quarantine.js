// Quarantined rows per source and reason, from run_results.json: the counts, and for each reason the
// first quarantined row the run kept as an example (run_results keeps the first five per source in
// file order, so a rarer reason may have none).

/** @returns {{source: string, reason: string, rows: number|null, example_reason: string|null, example_at: string|null}[]} */
export function quarantineRows(run) {
  return (run?.sources ?? []).flatMap((s) =>
    s.by_reason.map((r) => {
      const example = s.examples.find((e) => e.reason_code === r.reason) ?? null;
      return {
        source: s.name,
        reason: r.reason,
        rows: r.rows,
        example_reason: example?.reason ?? null,
        example_at: example ? `${example.file}:${example.line}` : null,
      };
    }),
  );
}
