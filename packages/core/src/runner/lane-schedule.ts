/**
 * A model that reads more rows than this runs alone. Such a statement already keeps every core busy and
 * takes most of the memory limit, so anything beside it slows it by about what it gains: at L (49M
 * events, 3 GB memory limit) `stg_events` took 39.5 s alone and 44.5 s with the small models beside it,
 * and `int_account_daily_activity` with `engagement_account_months` 15.1 s together against 12.2 s one
 * after the other. At M (5M events) nothing is this big, and models run two at a time throughout.
 */
export const HEAVY_ROWS = 20_000_000;

export interface LaneScheduleOptions<Lane> {
  /** The models in build order (dependencies first). */
  readonly names: readonly string[];
  /** The models a model needs built first; those not in `names` count as built. */
  readonly dependsOn: (name: string) => readonly string[];
  readonly lanes: readonly Lane[];
  /**
   * Rows a ready model reads (its inputs are built by then). With it, the ready model that reads most
   * starts first (the long ones start early, the small ones fill the other lanes), and a model above
   * `HEAVY_ROWS` runs alone. Without it, ready models start in build order.
   */
  readonly rowsRead?: (index: number) => number;
  readonly work: (index: number, lane: Lane) => Promise<void>;
}

/**
 * Runs `work` once per model, each when every model it depends on is done, on as many lanes at once as
 * there are. When a work throws, nothing new starts, the running ones finish, and the first error is
 * thrown.
 */
export async function runInLanes<Lane>(options: LaneScheduleOptions<Lane>): Promise<void> {
  const { names, lanes, rowsRead, work } = options;
  const selected = new Set(names);
  const done = new Set<string>();
  const waiting = new Set(names.keys());
  const free = [...lanes];
  const running = new Set<Promise<void>>();
  let heavyRunning = 0;
  let failure: { error: unknown } | undefined;
  const ready = (index: number) =>
    options.dependsOn(names[index]!).every((dep) => !selected.has(dep) || done.has(dep));
  while (!failure && (waiting.size || running.size)) {
    const candidates = [...waiting].filter(ready);
    const rows = new Map(candidates.map((index) => [index, rowsRead?.(index) ?? 0]));
    // Most rows first, then build order (a stable sort keeps it).
    if (rowsRead) candidates.sort((a, b) => rows.get(b)! - rows.get(a)!);
    for (const index of candidates) {
      if (!free.length) break;
      const heavy = rowsRead !== undefined && rows.get(index)! > HEAVY_ROWS;
      // A heavy model waits for the lanes to empty, and nothing joins it.
      if (heavyRunning > 0) break;
      if (heavy && running.size > 0) continue;
      waiting.delete(index);
      if (heavy) heavyRunning++;
      const lane = free.shift()!;
      const task: Promise<void> = work(index, lane).then(
        () => {
          done.add(names[index]!);
          if (heavy) heavyRunning--;
          free.unshift(lane);
          running.delete(task);
        },
        (error: unknown) => {
          failure ??= { error };
          running.delete(task);
        },
      );
      running.add(task);
    }
    // Nothing running and nothing startable cannot happen in a DAG; guard against spinning anyway.
    if (!running.size) break;
    await Promise.race(running);
  }
  await Promise.all(running);
  if (failure) throw failure.error;
}
