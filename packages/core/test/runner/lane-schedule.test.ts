import { describe, expect, it } from 'vitest';
import { HEAVY_ROWS, runInLanes } from '../../src/runner/lane-schedule.js';

/** A work whose models finish when the test says so, recording what ran when. */
function controlledWork() {
  const log: string[] = [];
  const pending = new Map<string, () => void>();
  const started: string[] = [];
  let notify: (() => void) | undefined;
  return {
    log,
    started,
    work: (names: readonly string[]) => (index: number, lane: string) =>
      new Promise<void>((resolve) => {
        const name = names[index]!;
        log.push(`start ${name} on ${lane}`);
        started.push(name);
        pending.set(name, () => {
          log.push(`done ${name}`);
          resolve();
        });
        notify?.();
      }),
    /** Waits until `name` has started, then lets it finish. */
    async finish(name: string) {
      while (!pending.has(name)) await new Promise<void>((resolve) => (notify = resolve));
      pending.get(name)!();
      pending.delete(name);
    },
    isRunning: (name: string) => pending.has(name),
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('runInLanes', () => {
  it('starts the ready model that reads most first, and never runs two heavy ones at once', async () => {
    // events_a and events_b are heavy and independent; the small ones are small.
    const names = ['small_1', 'events_a', 'events_b', 'small_2', 'small_3'];
    const rows: Record<string, number> = {
      small_1: 10,
      events_a: HEAVY_ROWS + 1,
      events_b: HEAVY_ROWS + 2,
      small_2: 20,
      small_3: 30,
    };
    const control = controlledWork();
    const run = runInLanes({
      names,
      dependsOn: () => [],
      lanes: ['A', 'B'],
      rowsRead: (index) => rows[names[index]!]!,
      work: control.work(names),
    });
    await settle();
    // The biggest starts first; the other heavy one waits for it, so the biggest small one goes beside it.
    expect(control.started).toEqual(['events_b', 'small_3']);
    await control.finish('small_3');
    await settle();
    expect(control.started).toEqual(['events_b', 'small_3', 'small_2']);
    await control.finish('events_b');
    await settle();
    // The lane events_b leaves goes to the waiting heavy one, beside the small one still running.
    expect(control.started).toEqual(['events_b', 'small_3', 'small_2', 'events_a']);
    expect(control.isRunning('small_2')).toBe(true);
    await control.finish('small_2');
    await settle();
    expect(control.started).toEqual(['events_b', 'small_3', 'small_2', 'events_a', 'small_1']);
    await control.finish('events_a');
    await control.finish('small_1');
    await run;
  });

  it('a heavy model that becomes ready starts beside a small one, not beside a heavy one', async () => {
    const names = ['accounts', 'small', 'events', 'daily', 'other'];
    const deps: Record<string, string[]> = {
      accounts: [],
      small: [],
      events: ['accounts'],
      daily: ['events'],
      other: ['events'],
    };
    const rows: Record<string, number> = {
      accounts: 10,
      small: 5,
      events: HEAVY_ROWS * 2,
      daily: HEAVY_ROWS * 2,
      other: HEAVY_ROWS * 2,
    };
    const control = controlledWork();
    const run = runInLanes({
      names,
      dependsOn: (name) => deps[name]!,
      lanes: ['A', 'B'],
      rowsRead: (index) => rows[names[index]!]!,
      work: control.work(names),
    });
    await settle();
    expect(control.started).toEqual(['accounts', 'small']);
    await control.finish('accounts');
    await settle();
    expect(control.isRunning('events')).toBe(true); // beside small, still running
    expect(control.isRunning('small')).toBe(true);
    await control.finish('small');
    await control.finish('events');
    await settle();
    // daily and other are both heavy and ready with two lanes free: one at a time.
    expect(control.started).toEqual(['accounts', 'small', 'events', 'daily']);
    await control.finish('daily');
    await control.finish('other');
    await run;
    expect(control.log.slice(-4)).toEqual([
      expect.stringMatching(/^start daily on /),
      'done daily',
      expect.stringMatching(/^start other on /),
      'done other',
    ]);
  });

  it('without row counts, keeps build order and waits for inputs', async () => {
    const names = ['a', 'b', 'c'];
    const deps: Record<string, string[]> = { a: [], b: ['a'], c: [] };
    const control = controlledWork();
    const run = runInLanes({
      names,
      dependsOn: (name) => deps[name]!,
      lanes: ['A', 'B'],
      work: control.work(names),
    });
    await settle();
    expect(control.started).toEqual(['a', 'c']);
    await control.finish('c');
    await settle();
    expect(control.started).toEqual(['a', 'c']); // b waits for a, not for a lane
    await control.finish('a');
    await control.finish('b');
    await run;
    expect(control.log).toEqual([
      'start a on A',
      'start c on B',
      'done c',
      'done a',
      'start b on A',
      'done b',
    ]);
  });

  it('on a failure starts nothing new, lets the running model finish, then throws the error', async () => {
    const names = ['bad', 'slow', 'later'];
    const finished: string[] = [];
    let releaseSlow!: () => void;
    const run = runInLanes({
      names,
      dependsOn: () => [],
      lanes: ['A', 'B'],
      work: async (index) => {
        const name = names[index]!;
        if (name === 'bad') throw new Error('disk full');
        if (name === 'slow') await new Promise<void>((resolve) => (releaseSlow = resolve));
        finished.push(name);
      },
    });
    const outcome = run.then(
      () => 'resolved',
      (error: Error) => error.message,
    );
    await settle();
    releaseSlow();
    expect(await outcome).toBe('disk full');
    expect(finished).toEqual(['slow']);
  });
});
