import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { UsageError } from '../config/usage-error.js';
import { PulseError } from '../errors.js';
import type { ProjectDefinition } from './define-project.js';
import { importProjectModule } from './module-import.js';

export class ProjectLoadError extends UsageError {
  override readonly name = 'ProjectLoadError';
}

export const DEFAULT_PROJECT_MODULE = '@pulse/models';

/**
 * Imports the project module (`--project`, `PULSE_PROJECT`, default `@pulse/models`) and returns its
 * default or `project` export. Loaded dynamically so the engine never imports a project. A path
 * (`./my-project.ts`) is resolved from cwd; a package name as Node resolves it.
 */
export async function loadProject(spec: string, cwd = process.cwd()): Promise<ProjectDefinition> {
  const isPath = spec.startsWith('.') || isAbsolute(spec);
  if (isPath && !existsSync(resolve(cwd, spec))) {
    throw new ProjectLoadError(
      `Cannot find the project module "${spec}" (no file ${resolve(cwd, spec)}). Pass --project MODULE or set PULSE_PROJECT.`,
    );
  }
  const specifier = isPath ? pathToFileURL(resolve(cwd, spec)).href : spec;
  let module: { default?: unknown; project?: unknown };
  try {
    module = (await importProjectModule(specifier)) as typeof module;
  } catch (error) {
    // A project that fails its own checks at import (ModelDefinitionError…) already says what to fix.
    if (error instanceof PulseError) throw error;
    const notFound = (error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND';
    throw new ProjectLoadError(
      notFound && (error as Error).message.includes(spec)
        ? `Cannot find the project module "${spec}". Pass --project MODULE or set PULSE_PROJECT.`
        : `The project module "${spec}" failed to load: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const project = module.default ?? module.project;
  if (!isProject(project)) {
    throw new ProjectLoadError(
      `The module "${spec}" does not export a project: export defineProject({...}) as default or as \`project\`.`,
    );
  }
  return project;
}

function isProject(value: unknown): value is ProjectDefinition {
  const candidate = value as Partial<ProjectDefinition> | undefined;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.name === 'string' &&
    Array.isArray(candidate.models) &&
    Array.isArray(candidate.sources) &&
    typeof candidate.resolveVars === 'function' &&
    typeof candidate.config?.safeParse === 'function'
  );
}

/**
 * The file of the project module `spec` names, found without importing it (a path from cwd, a package as
 * Node resolves it from the engine); undefined when it cannot be resolved. A refresh compares it with
 * the project that recorded the published state: the same files unchanged say nothing of another project.
 */
export function projectEntryOf(spec: string, cwd = process.cwd()): string | undefined {
  if (spec.startsWith('.') || isAbsolute(spec)) return resolve(cwd, spec);
  try {
    const url = import.meta.resolve(spec);
    return url.startsWith('file:') ? fileURLToPath(url) : undefined;
  } catch {
    return undefined;
  }
}
