import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { z } from 'zod';
import { closestMatch } from '../config/did-you-mean.js';
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
    ({ values } = parseArgs({
      args: negativeValuesJoined(argv, options),
      options,
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new ArgumentError(describeParseError(error as NodeJS.ErrnoException, options));
  }
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const flag = issue.path.length ? `--${String(issue.path[0])}` : 'arguments';
    throw new ArgumentError(`${flag} ${issue.message}`);
  }
  return parsed.data;
}

/**
 * parseArgs reads `--accounts -5` as two flags; a value that looks like a negative number is joined to its
 * string flag (`--accounts=-5`) so the command's schema judges it and says why it is wrong.
 */
function negativeValuesJoined(argv: readonly string[], options: Options): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = argv[i + 1];
    const name = arg.startsWith('--') ? arg.slice(2) : undefined;
    if (name && options[name]?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

function describeParseError(error: NodeJS.ErrnoException, options: Options): string {
  const quoted = /'([^']+)'/.exec(error.message)?.[1] ?? '';
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
      const flags = Object.keys(options).map((name) => `--${name}`);
      const near = quoted.startsWith('--') ? closestMatch(quoted, flags) : undefined;
      return `unknown option ${quoted}${near ? ` (did you mean ${near}?)` : ''}`;
    }
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument "${quoted}"`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return `option ${quoted.split(' ')[0]} ${/argument missing|ambiguous/.test(error.message) ? 'needs a value' : 'does not take a value'}`;
    default:
      return error.message;
  }
}
