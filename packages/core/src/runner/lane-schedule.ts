/**
 * Two models that each read more rows than this never run at the same time: each already keeps every
 * core busy and takes most of the memory limit, and side by side they slow each other down more than
 * they gain. At L (49M events, 3 GB memory limit) `int_account_daily_activity` and
 * `engagement_account_months` took 15.1 s together against 12.2 s one after the other.
 * A small model may run beside a heavy one. In a full build that is about even (`stg_events` took 39.5 s
 * alone and 44.5 s with the small models beside it, which then had nothing left to do); in a refresh the
 * heavy model is a month of `stg_events`, with single-core stretches (the month's delete, its tests)
 * that the small models fill: the one-day refresh at L took 33.7 and 28.9 s against 34.9 and 33.4 s
 * with it running alone (alternated on one warehouse).
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
   * starts first (the long ones start early, the small ones fill the other lanes), and no two models
   * above `HEAVY_ROWS` run at once. Without it, ready models start in build order.
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
      // A heavy model waits for the heavy one running; small ones go beside it.
      if (heavy && heavyRunning > 0) continue;
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
