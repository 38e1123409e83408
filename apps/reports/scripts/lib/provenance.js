// Per-mart provenance for the pages' banners: was the Parquet file there, did the run build the
// mart, did its data tests pass. A page never shows numbers without saying which of these failed.

export function martProvenance(names, files, run) {
  return Object.fromEntries(
    names.map((name) => {
      const node = run?.nodes.find((n) => n.name === name) ?? null;
      const tests = node?.tests ?? [];
      const failed = tests.filter((t) => t.status !== 'pass');
      return [
        name,
        {
          present: files[name]?.present ?? false,
          rows: files[name]?.rows ?? 0,
          drift: files[name]?.drift ?? [],
          status: node?.status ?? (run ? 'not_in_run' : 'unknown'),
          message: node?.message ?? null,
          failed_ancestor: node?.failed_ancestor ?? null,
          tests_total: tests.length,
          tests_failed: failed.length,
          failed_tests: failed.map((t) => ({
            name: t.name,
            status: t.status,
            severity: t.severity,
            failures: t.failures,
          })),
        },
      ];
    }),
  );
}
