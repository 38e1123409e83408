import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { ConfigError } from './config-error.js';

export interface LoadedConfig<Config> {
  readonly config: Config;
  /** The file read, or undefined when the defaults were used. */
  readonly file: string | undefined;
}

/**
 * Reads and validates the config file with the project's zod schema; no file means every default
 * (the schema parses `{}`). Problems come back as one human line each, never as a stack trace.
 */
export async function loadConfig<Config>(
  schema: z.ZodType<Config>,
  file: string | undefined,
): Promise<LoadedConfig<Config>> {
  let raw: unknown = {};
  if (file !== undefined) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      const reason =
        (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message;
      throw new ConfigError(`Cannot read config ${file}: ${reason}. Check --config / PULSE_CONFIG.`);
    }
    try {
      raw = JSON.parse(text);
    } catch (error) {
      throw new ConfigError(`Config ${file} is not valid JSON: ${(error as Error).message}`);
    }
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw ConfigError.fromIssues(file ?? '(defaults)', parsed.error.issues, schema);
  return { config: parsed.data, file };
}
