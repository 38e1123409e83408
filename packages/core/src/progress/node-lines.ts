import type { NodeResult } from '../artifacts/run-result.js';
import type { Colors } from './colors.js';

export type RunMode = 'build' | 'test';

export function seconds(value: number): string {
  return `${value.toFixed(2)}s`;
}

/** One line per finished model: `[3/24] built staging.stg_accounts (table, 500 rows) in 0.12s`. */
export function nodeLine(result: NodeResult, index: number, total: number, mode: RunMode, c: Colors): string {
  const position = `[${index}/${total}]`;
  if (result.status === 'skipped') {
    return `${position} ${c.yellow('skipped')} ${result.relation}: upstream model "${result.failedAncestor}" failed`;
  }
  if (result.status === 'error') {
    const firstLine = (result.message ?? '').split('\n')[0];
    return `${position} ${c.red('ERROR')} ${mode === 'build' ? 'building' : 'testing'} ${result.relation} in ${seconds(result.executionTime)}: ${firstLine}`;
  }
  const details =
    mode === 'build'
      ? [
          result.materialized,
          ...(result.rows === null ? [] : [`${result.rows} ${result.rows === 1 ? 'row' : 'rows'}`]),
          ...(result.partitions ? [partitionsNote(result.partitions)] : []),
        ]
      : [`${result.tests.length} ${result.tests.length === 1 ? 'test' : 'tests'}`];
  const verb = mode === 'build' ? 'built' : 'tested';
  return `${position} ${c.green(verb)} ${result.relation} (${details.join(', ')}) in ${seconds(result.executionTime)}`;
}

/** `rebuilt 2 partitions: 2026-03-01, 2026-05-01` (the first few). */
function partitionsNote(partitions: readonly string[]): string {
  const shown = partitions.slice(0, 3).join(', ') + (partitions.length > 3 ? ', …' : '');
  return `rebuilt ${partitions.length} ${partitions.length === 1 ? 'partition' : 'partitions'}: ${shown}`;
}

/** Indented lines for tests worth a look: warnings always; failures are detailed in the summary. */
export function warningLines(result: NodeResult, c: Colors): string[] {
  return result.tests
    .filter((test) => test.status === 'warn')
    .map(
      (test) =>
        `    ${c.yellow('warn')} ${test.name}: ${test.failures} failing ${test.failures === 1 ? 'row' : 'rows'}`,
    );
}
