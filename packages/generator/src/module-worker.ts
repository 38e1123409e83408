import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Starts a worker on a sibling module of this one, in whichever form this file runs: compiled `.js`, or the
 * `.ts` source under tsx or vitest. Node 20 cannot load TypeScript and does not hand tsx's loader hooks to
 * workers, so a `.ts` worker first registers tsx itself.
 */
export function startModuleWorker(baseName: string): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = new URL(`./${baseName}${fromSource ? '.ts' : '.js'}`, import.meta.url);
  if (!fromSource) return new Worker(entry);
  const tsxRoot = dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const tsxApi = pathToFileURL(join(tsxRoot, 'dist', 'esm', 'api', 'index.mjs')).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { eval: true });
}
