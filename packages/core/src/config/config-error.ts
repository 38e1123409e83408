import type { z } from 'zod';
import { closestMatch } from './did-you-mean.js';
import { UsageError } from './usage-error.js';

/** The config file is missing, not JSON, or does not match the project's schema. */
export class ConfigError extends UsageError {
  override readonly name = 'ConfigError';

  /**
   * One line per problem: file, key path, what is wrong. Given the schema, an unknown key gets the known
   * key nearest to it (`"reporting_curency"`: did you mean "reporting_currency"?).
   */
  static fromIssues(file: string, issues: readonly z.core.$ZodIssue[], schema?: z.ZodType): ConfigError {
    const lines = issues.map((issue) => `  ${file}: ${keyPath(issue.path)}: ${describeIssue(issue, schema)}`);
    return new ConfigError(`Invalid config ${file}:\n${lines.join('\n')}`);
  }
}

function keyPath(path: readonly PropertyKey[]): string {
  if (!path.length) return '(top level)';
  return path
    .map((key) => (typeof key === 'number' ? `[${key}]` : String(key)))
    .join('.')
    .replaceAll('.[', '[');
}

function describeIssue(issue: z.core.$ZodIssue, schema: z.ZodType | undefined): string {
  if (issue.code === 'unrecognized_keys') {
    const known = schema ? keysAt(schema, issue.path) : [];
    const named = issue.keys.map((key) => {
      const near = closestMatch(key, known);
      return `"${key}"${near ? ` (did you mean "${near}"?)` : ''}`;
    });
    return `unknown key${issue.keys.length > 1 ? 's' : ''} ${named.join(', ')}`;
  }
  return issue.message;
}

/** The keys an object schema at `path` knows (none when the path reaches no object schema). */
function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let current: unknown = schema;
  const steps = [...path];
  for (let guard = 0; guard < 64 && current; guard++) {
    const def = (current as { _zod?: { def?: Record<string, any> } })._zod?.def;
    if (!def) return [];
    if ('innerType' in def) current = def.innerType;
    else if (def.type === 'pipe') current = def.in;
    else if (def.type === 'lazy') current = def.getter?.();
    else if (steps.length === 0) return def.type === 'object' ? Object.keys(def.shape ?? {}) : [];
    else if (def.type === 'object') current = def.shape?.[String(steps.shift())];
    else if (def.type === 'array') {
      steps.shift();
      current = def.element;
    } else if (def.type === 'record') {
      steps.shift();
      current = def.valueType;
    } else return [];
  }
  return [];
}
