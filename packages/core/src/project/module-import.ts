import { register } from 'node:module';

/**
 * Resolves `@pulse/core` to the bundle's index for the modules a bundled CLI imports (projects,
 * generators). Written as a data URL: Node runs resolve hooks on its loader thread, from a module of
 * their own.
 */
const RESOLVE_HOOK = `
let index;
export function initialize(data) { index = data.index; }
export async function resolve(specifier, context, next) {
  return specifier === '@pulse/core' ? { url: index, shortCircuit: true } : next(specifier, context);
}`;

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
  if (!import.meta.url.includes('/dist/bundle/')) return;
  const { register: registerTypeScript } = await import('tsx/esm/api');
  registerTypeScript();
  register(`data:text/javascript,${encodeURIComponent(RESOLVE_HOOK)}`, {
    data: { index: new URL('./index.js', import.meta.url).href },
  });
}
