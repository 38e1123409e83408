import { UsageError } from '../config/usage-error.js';
import { PulseError } from '../errors.js';
import type { GenerateFunction, ProjectDefinition } from './define-project.js';
import { prepareModuleImport } from './module-import.js';

export class GeneratorLoadError extends UsageError {
  override readonly name = 'GeneratorLoadError';
}

/**
 * The generator of `project` (`pulse generate`): its `generate` function as is, or the `generate` export of
 * the module it names, imported now and not when the project loads, so that module may depend on the project.
 */
export async function loadGenerator(project: ProjectDefinition): Promise<GenerateFunction> {
  const { generate } = project;
  if (generate === undefined) {
    // Kept as it was before a generator could be a module name (a PulseError: exit 1).
    throw new PulseError(`Project "${project.name}" has no generator (its definition sets no \`generate\`).`);
  }
  if (typeof generate === 'function') return generate;
  let module: { generate?: unknown };
  try {
    await prepareModuleImport();
    module = await import(generate);
  } catch (error) {
    // A generator that fails its own checks at import already says what to fix.
    if (error instanceof PulseError) throw error;
    const notFound = (error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND';
    throw new GeneratorLoadError(
      notFound && (error as Error).message.includes(generate)
        ? `Cannot find the generator module "${generate}" named by project "${project.name}": install it, or fix \`generate\` in the project's definition.`
        : `The generator module "${generate}" of project "${project.name}" failed to load: ${(error as Error).message}`,
      { cause: error },
    );
  }
  if (typeof module.generate !== 'function') {
    throw new GeneratorLoadError(
      `The generator module "${generate}" of project "${project.name}" does not export a \`generate\` function.`,
    );
  }
  return module.generate as GenerateFunction;
}
