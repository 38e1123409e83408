import { describe, expect, it } from 'vitest';
import { createRunReporter, type NodeResult, type RunEvent } from '../../src/index.js';
import { captureIo } from '../support/capture-io.js';

const node = (fields: Partial<NodeResult>): NodeResult => ({
  name: 'mrr',
  layer: 'marts',
  materialized: 'table',
  relation: 'marts.mrr',
  status: 'success',
  startedAt: new Date(),
  completedAt: new Date(),
  executionTime: 0.123,
  rows: 500,
  tests: [],
  message: null,
  failedAncestor: null,
  exportPath: null,
  ...fields,
});

const events: RunEvent[] = [
  { type: 'run-start', total: 2, names: ['mrr', 'churn'] },
  { type: 'node-start', index: 1, total: 2, name: 'mrr', relation: 'marts.mrr' },
  {
    type: 'node-done',
    index: 1,
    total: 2,
    result: node({ status: 'error', message: 'Model "mrr" broke\nsecond line' }),
  },
  {
    type: 'node-done',
    index: 2,
    total: 2,
    result: node({ name: 'churn', relation: 'marts.churn', status: 'skipped', failedAncestor: 'mrr' }),
  },
];

describe('progress output', () => {
  it('off a terminal: one plain line per model, no colour, no cursor movement', () => {
    const io = captureIo('/', { tty: false });
    const reporter = createRunReporter(io, 'build');
    reporter.onEvent({ type: 'run-start', total: 1, names: ['mrr'] });
    reporter.onEvent({ type: 'node-done', index: 1, total: 1, result: node({}) });
    reporter.close();
    expect(io.output()).toBe('[1/1] built marts.mrr (table, 500 rows) in 0.12s\n');
  });

  it('off a terminal: errors show their first line, skips name the failed ancestor', () => {
    const io = captureIo('/', { tty: false });
    const reporter = createRunReporter(io, 'build');
    for (const event of events) reporter.onEvent(event);
    expect(io.output()).toBe(
      '[1/2] ERROR building marts.mrr in 0.12s: Model "mrr" broke\n' +
        '[2/2] skipped marts.churn: upstream model "mrr" failed\n',
    );
  });

  it('on a terminal: one live line redrawn in place, with colour, failures printed above it', () => {
    const io = captureIo('/', { tty: true });
    const reporter = createRunReporter(io, 'build');
    for (const event of events) reporter.onEvent(event);
    reporter.onEvent({
      type: 'run-done',
      result: { nodes: [], startedAt: new Date(), completedAt: new Date(), elapsed: 1, success: false },
    });
    const output = io.output();
    expect(output).toContain('\r\x1b[2K[0/2] building marts.mrr');
    expect(output).toContain('\x1b[31mERROR\x1b[39m building marts.mrr');
    const ESC = '\x1b';
    expect(output).toMatch(new RegExp(`${ESC}\\[2m· \\d+\\.\\ds${ESC}\\[22m`));
    expect(output.endsWith('\r\x1b[2K')).toBe(true);
  });

  it('on a terminal with NO_COLOR: still live, never coloured', () => {
    const io = captureIo('/', { tty: true, env: { NO_COLOR: '1' } });
    const reporter = createRunReporter(io, 'build');
    for (const event of events) reporter.onEvent(event);
    reporter.close();
    expect(io.output()).toContain('\r\x1b[2K');
    expect(io.output()).not.toMatch(new RegExp(`${'\x1b'}\\[\\d+m`));
  });
});
