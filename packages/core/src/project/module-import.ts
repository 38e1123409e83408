import { register } from 'node:module';
import { pathToFileURL } from 'node:url';
import {
  compiledProjectInputs,
  compiledProjectUrl,
  filePathOf,
  isTypeScriptModule,
  VENDORED_PACKAGES,
  vendoredPackageOf,
} from './compiled-project.js';

/**
 * Resolves `@pulse/core` to the bundle's index, and kysely and zod to the bundle's copies of them, for the
 * modules a bundled CLI imports (projects, generators). Written as a data URL: Node runs resolve hooks
 * on its loader thread, from a module of their own.
 */
const RESOLVE_HOOK = `
let urls;
export function initialize(data) { urls = data.urls; }
export async function resolve(specifier, context, next) {
  return Object.hasOwn(urls, specifier) ? { url: urls[specifier], shortCircuit: true } : next(specifier, context);
}`;

/** True when this module runs from the engine bundle (dist/bundle), not from the TypeScript sources. */
const fromBundle = import.meta.url.includes('/dist/bundle/');

/** The engine bundle's index: what `@pulse/core` is for the modules a bundled CLI imports. */
const bundleIndex = () => new URL('./index.js', import.meta.url);

let prepared: Promise<void> | undefined;

/**
 * Makes the modules a project names importable. Run from sources, bin/pulse.js registered tsx at start
 * and `@pulse/core` is those sources: nothing to do. Run from the bundle (dist/bundle), tsx is registered
 * only now (registered first, every module of the CLI and its dependencies went through its loader
 * thread: ~0.4 s per process), and `@pulse/core` resolves to the bundle's index, so the project's
 * `defineModel` and the engine running it are one copy of the module.
 */
export function prepareModuleImport(): Promise<void> {
  prepared ??= prepare();
  return prepared;
}

async function prepare(): Promise<void> {
  if (!fromBundle) return;
  const { register: registerTypeScript } = await import('tsx/esm/api');
  registerTypeScript();
  const index = filePathOf(bundleIndex().href)!;
  const urls: Record<string, string> = { '@pulse/core': bundleIndex().href };
  for (const name of VENDORED_PACKAGES) {
    const vendored = vendoredPackageOf(name, index);
    if (vendored) urls[name] = pathToFileURL(vendored).href;
  }
  register(`data:text/javascript,${encodeURIComponent(RESOLVE_HOOK)}`, { data: { urls } });
}

/** The files of the last project imported compiled; undefined when none was (see importedProjectFiles). */
let projectFiles: readonly string[] | undefined;

/**
 * The files the last imported project was compiled from (its modules and inlined JSON files), or
 * undefined when it was imported from its sources, whose files are not known here.
 */
export function importedProjectFiles(): readonly string[] | undefined {
  return projectFiles;
}

/**
 * Imports a project module (a file URL or a package name). Run from the bundle, a TypeScript project is
 * imported compiled ahead (compiled-project.ts), with no tsx at all; a project esbuild cannot compile,
 * and any run from the sources, is imported through tsx as before.
 */
export async function importProjectModule(specifier: string): Promise<unknown> {
  if (fromBundle) {
    let compiled: string | undefined;
    try {
      const entry = filePathOf(import.meta.resolve(specifier));
      if (entry && isTypeScriptModule(entry)) {
        compiled = await compiledProjectUrl({ entry, coreIndex: filePathOf(bundleIndex().href)! });
      }
    } catch {
      // Not resolvable or not compilable: the import below reports it as users know it.
      compiled = undefined;
    }
    if (compiled) {
      const entry = filePathOf(import.meta.resolve(specifier))!;
      projectFiles = compiledProjectInputs({ entry, coreIndex: filePathOf(bundleIndex().href)! });
      return import(compiled);
    }
  }
  await prepareModuleImport();
  return import(specifier);
}
