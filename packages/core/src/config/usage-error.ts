import { PulseError } from '../errors.js';

/**
 * The command was invoked or configured wrongly (bad flag, bad selector, invalid config file): nothing
 * ran, and the CLI exits with code 2 instead of 1 so scripts can tell "fix the call" from "the build failed".
 */
export class UsageError extends PulseError {
  override readonly name: string = 'UsageError';
}
