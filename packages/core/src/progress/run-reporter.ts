import type { RunEvent } from '../artifacts/run-result.js';
import { type Colors, colorsFor } from './colors.js';
import { nodeLine, type RunMode, warningLines } from './node-lines.js';
import type { CliIo } from './output.js';

/** Draws a run's progress: `onEvent` receives the runner's events, `log` any other line. */
export interface RunReporter {
  readonly onEvent: (event: RunEvent) => void;
  readonly log: (line: string) => void;
  /** Stops redrawing and clears the live line; safe to call twice. */
  readonly close: () => void;
}

const REDRAW_MS = 100;

/**
 * On a terminal, one live line (`[3/24] building marts.mrr_monthly · 12.3s`) redrawn in place, with
 * failures, skips and warnings printed above it as they happen. Elsewhere (CI logs, pipes) one plain
 * line per model, so the log reads top to bottom.
 */
export function createRunReporter(io: CliIo, mode: RunMode): RunReporter {
  const c = colorsFor(io.stdout, io.env);
  return io.stdout.isTTY ? liveReporter(io, mode, c) : plainReporter(io, mode, c);
}

function plainReporter(io: CliIo, mode: RunMode, c: Colors): RunReporter {
  const log = (line: string) => io.stdout.write(`${line}\n`);
  return {
    log,
    close: () => {},
    onEvent: (event) => {
      if (event.type !== 'node-done') return;
      log(nodeLine(event.result, event.index, event.total, mode, c));
      for (const line of warningLines(event.result, c)) log(line);
    },
  };
}

function liveReporter(io: CliIo, mode: RunMode, c: Colors): RunReporter {
  const startedAt = performance.now();
  let status = '';
  let shown = false;
  let timer: NodeJS.Timeout | undefined;
  /** The relations being built (several when models build at once) and how many are reported done. */
  const running = new Set<string>();
  let done = 0;
  let total = 0;
  const building = () =>
    `[${done}/${total}] ${mode === 'build' ? 'building' : 'testing'} ${[...running].join(', ')}`;
  const width = () => Math.max((io.stdout.columns ?? 80) - 1, 20);
  const draw = () => {
    if (!status) return;
    const elapsed = `${((performance.now() - startedAt) / 1000).toFixed(1)}s`;
    const room = width() - elapsed.length - 3;
    const text = status.length > room ? `${status.slice(0, room - 1)}…` : status;
    io.stdout.write(`\r\x1b[2K${text} ${c.dim(`· ${elapsed}`)}`);
    shown = true;
  };
  const clear = () => {
    if (shown) io.stdout.write('\r\x1b[2K');
    shown = false;
  };
  const log = (line: string) => {
    clear();
    io.stdout.write(`${line}\n`);
    draw();
  };
  const close = () => {
    if (timer) clearInterval(timer);
    timer = undefined;
    status = '';
    clear();
  };
  return {
    log,
    close,
    onEvent: (event) => {
      switch (event.type) {
        case 'run-start':
          total = event.total;
          status = `[0/${event.total}] starting`;
          timer ??= setInterval(draw, REDRAW_MS);
          timer.unref();
          draw();
          return;
        case 'node-start':
          // Models that build at once are all named: `[3/24] building marts.a, marts.b`.
          running.add(event.relation);
          status = building();
          draw();
          return;
        case 'node-done': {
          running.delete(event.result.relation);
          done = event.index;
          status = running.size ? building() : `[${done}/${total}] done ${event.result.relation}`;
          const lines =
            event.result.status === 'success'
              ? []
              : [nodeLine(event.result, event.index, event.total, mode, c)];
          for (const line of [...lines, ...warningLines(event.result, c)]) log(line);
          draw();
          return;
        }
        case 'run-done':
          close();
          return;
      }
    },
  };
}
