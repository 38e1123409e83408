import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { z } from 'zod';
import { UsageError } from '../config/usage-error.js';

/** A flag is unknown, lacks its value or has a bad one: one line, and where to look. */
export class ArgumentError extends UsageError {
  override readonly name = 'ArgumentError';
}

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * `node:util` parseArgs (strict: unknown flags and stray positionals are errors) then the command's zod
 * schema for values (numbers, required flags). Every error names the flag.
 */
export function parseCommandArgs<S extends z.ZodType>(
  argv: readonly string[],
  options: Options,
  schema: S,
): z.output<S> {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new ArgumentError(describeParseError(error as NodeJS.ErrnoException));
  }
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const flag = issue.path.length ? `--${String(issue.path[0])}` : 'arguments';
    throw new ArgumentError(`${flag} ${issue.message}`);
  }
  return parsed.data;
}

function describeParseError(error: NodeJS.ErrnoException): string {
  const quoted = /'([^']+)'/.exec(error.message)?.[1] ?? '';
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${quoted}`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument "${quoted}"`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return `option ${quoted.split(' ')[0]} ${/argument missing/.test(error.message) ? 'needs a value' : 'does not take a value'}`;
    default:
      return error.message;
  }
}
