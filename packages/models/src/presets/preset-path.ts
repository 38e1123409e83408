import { z } from 'zod';

/** A preset's folder (or file, or glob) inside the data folder. */
export function presetPath(defaultPath: string) {
  return z
    .string()
    .regex(/\S/, 'must name a file, folder or glob in the data folder')
    .refine(
      (path) =>
        !/^([/\\]|[A-Za-z]:)/.test(path.trim()) &&
        !path.split(/[/\\]/).includes('..') &&
        !path.includes('\\'),
      'must be relative to the data folder, with / between folders and no ..',
    )
    .optional()
    .describe(`where the export is, relative to the data folder (default "${defaultPath}")`);
}
