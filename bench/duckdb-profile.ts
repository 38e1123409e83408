// The top operators of a DuckDB profile: the JSON that `EXPLAIN (ANALYZE, FORMAT JSON) …` returns, or that
// `PRAGMA enable_profiling = 'json'; PRAGMA profiling_output = '<file>'` writes for every statement.
// Each node has operator_type / operator_name, operator_timing (seconds, summed over threads),
// operator_cardinality and children; the root also has latency and cpu_time.

export interface OperatorTime {
  /** e.g. `HASH_GROUP_BY (Groups: #0)`: the operator and the first line of what it works on. */
  readonly operator: string;
  readonly seconds: number;
  readonly rows: number;
  /** Its share of the operators' summed time. */
  readonly share: number;
}

export interface StatementProfile {
  /** Wall time of the statement (latency), seconds; NaN when the profile has none. */
  readonly latency: number;
  /** CPU time DuckDB counted for it, seconds; NaN when the profile has none. */
  readonly cpu: number;
  readonly operators: readonly OperatorTime[];
}

interface ProfileNode {
  readonly operator_type?: string;
  readonly operator_name?: string;
  readonly operator_timing?: number;
  readonly operator_cardinality?: number;
  readonly extra_info?: Record<string, unknown>;
  readonly latency?: number;
  readonly cpu_time?: number;
  readonly children?: readonly ProfileNode[];
}

// Bookkeeping nodes, not work.
const SKIPPED = new Set(['EXPLAIN_ANALYZE', 'QUERY', 'RESULT_COLLECTOR']);
const DETAIL_KEYS = ['Table', 'Groups', 'Join Type', 'Conditions', 'Function', 'Projections', 'Aggregates'];

/** The `top` most expensive operators of one statement's profile, most expensive first. */
export function topOperators(profile: string | ProfileNode, top = 8): StatementProfile {
  const root: ProfileNode = typeof profile === 'string' ? JSON.parse(profile) : profile;
  const all: { operator: string; seconds: number; rows: number }[] = [];
  const walk = (node: ProfileNode) => {
    const type = node.operator_type ?? node.operator_name;
    if (type && !SKIPPED.has(type) && node.operator_timing !== undefined) {
      all.push({
        operator: describe(type, node.extra_info),
        seconds: node.operator_timing,
        rows: node.operator_cardinality ?? 0,
      });
    }
    for (const child of node.children ?? []) walk(child);
  };
  walk(root);
  const total = all.reduce((sum, o) => sum + o.seconds, 0);
  return {
    latency: root.latency ?? Number.NaN,
    cpu: root.cpu_time ?? Number.NaN,
    operators: all
      .sort((a, b) => b.seconds - a.seconds)
      .slice(0, top)
      .map((o) => ({ ...o, share: total > 0 ? o.seconds / total : 0 })),
  };
}

function describe(type: string, extra: Record<string, unknown> | undefined): string {
  for (const key of DETAIL_KEYS) {
    const value = extra?.[key];
    if (value === undefined) continue;
    const text = (Array.isArray(value) ? value.join(', ') : String(value)).replace(/\s+/g, ' ').trim();
    return `${type} (${key}: ${text.length > 60 ? `${text.slice(0, 57)}…` : text})`;
  }
  return type;
}

/** A markdown table of one statement's top operators, under a `### phase` heading. */
export function profileMarkdown(phase: string, profile: StatementProfile, note?: string): string {
  const lines = [`### ${phase}`, ''];
  if (note) lines.push(note, '');
  const cpu = Number.isNaN(profile.cpu) ? '' : `, DuckDB CPU ${profile.cpu.toFixed(2)} s`;
  lines.push(`Statement ${profile.latency.toFixed(2)} s wall${cpu}.`, '');
  lines.push('| operator | s (summed over threads) | share | rows out |', '|---|---|---|---|');
  for (const o of profile.operators) {
    const operator = o.operator.replaceAll('|', '\\|');
    lines.push(
      `| ${operator} | ${o.seconds.toFixed(2)} | ${(100 * o.share).toFixed(0)} % | ${o.rows.toLocaleString('en')} |`,
    );
  }
  return lines.join('\n');
}
