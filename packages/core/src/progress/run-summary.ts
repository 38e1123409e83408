import type { RunResult } from '../artifacts/run-result.js';
import type { Colors } from './colors.js';
import { type RunMode, seconds } from './node-lines.js';

/**
 * The end of a run: counts, then each failed model with its message and, for failed tests, the first
 * failing rows, so the log alone says what to fix.
 */
export function runSummary(run: RunResult, mode: RunMode, c: Colors): string[] {
  const count = (status: string) => run.nodes.filter((node) => node.status === status).length;
  const warnings = run.nodes.reduce(
    (sum, node) => sum + node.tests.filter((t) => t.status === 'warn').length,
    0,
  );
  const parts = [
    c.green(`${count('success')} ${mode === 'build' ? 'built' : 'passed'}`),
    ...(count('error') ? [c.red(`${count('error')} failed`)] : []),
    ...(count('skipped') ? [c.yellow(`${count('skipped')} skipped`)] : []),
    ...(warnings ? [c.yellow(`${warnings} ${warnings === 1 ? 'warning' : 'warnings'}`)] : []),
  ];
  const lines = [
    `${run.success ? c.bold('Done') : c.bold(c.red('Failed'))} in ${seconds(run.elapsed)}: ${parts.join(', ')}.`,
  ];
  for (const node of run.nodes.filter((n) => n.status === 'error')) {
    lines.push('', c.red(`✗ ${node.relation}`), ...indent(node.message ?? ''));
    for (const test of node.tests.filter((t) => t.status === 'fail' || t.status === 'error')) {
      lines.push(
        `    ${c.red(test.status === 'fail' ? 'FAIL' : 'ERROR')} ${test.name}: ${test.message ?? ''}`,
      );
      for (const row of test.failingRows) lines.push(c.dim(`      ${JSON.stringify(row)}`));
      if (test.failures > test.failingRows.length) {
        lines.push(c.dim(`      … and ${test.failures - test.failingRows.length} more`));
      }
    }
  }
  return lines;
}

function indent(text: string): string[] {
  return text.split('\n').map((line) => `  ${line}`);
}
