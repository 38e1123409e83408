import type { z } from 'zod';
import { UsageError } from './usage-error.js';

/** The config file is missing, not JSON, or does not match the project's schema. */
export class ConfigError extends UsageError {
  override readonly name = 'ConfigError';

  /** One line per problem: file, key path, what is wrong. */
  static fromIssues(file: string, issues: readonly z.core.$ZodIssue[]): ConfigError {
    const lines = issues.map((issue) => `  ${file}: ${keyPath(issue.path)}: ${describeIssue(issue)}`);
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

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key}"`).join(', ')}`;
  }
  return issue.message;
}
