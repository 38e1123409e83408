import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve as resolvePath } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * A TypeScript project module bundled into one JavaScript file, for a CLI that runs from the engine's
 * bundle. Why: loaded through tsx, each of a project's ~60 small modules crossed tsx's loader thread
 * (~0.45 s of every `pulse` command before its first statement); esbuild bundles them in ~0.1 s, once,
 * and the bundle is reused while none of its input files changed (size and mtime, like make).
 *
 * What goes in: every module the project reaches outside `node_modules` (its own files and workspace
 * packages such as `@pulse/models`). What stays out: installed packages (kysely, zod…), imported by name
 * from a cache folder inside the project's own `node_modules`, so they resolve as they did for the source;
 * and `@pulse/core`, imported from the engine bundle running the CLI, so `defineModel` and the engine are
 * one copy of the module. One caveat: `import.meta.url` inside a bundled module names the bundle; a project
 * that reads files beside its modules runs from its sources with PULSE_FROM_SOURCE=1.
 */
export interface ProjectBundleOptions {
  /** The project's entry file (a `.ts`, `.mts` or `.tsx` file). */
  readonly entry: string;
  /** The engine bundle's index (`dist/bundle/index.js`): what `@pulse/core` becomes. */
  readonly coreIndex: string;
}

interface BundleRecord {
  readonly entry: string;
  readonly coreIndex: string;
  /** Every input of the bundle with its size and mtime when it was bundled. */
  readonly inputs: readonly { readonly path: string; readonly size: number; readonly mtimeMs: number }[];
}

const TYPESCRIPT = /\.(c|m)?tsx?$/;

/** Whether a resolved module is a TypeScript file (the only kind worth bundling). */
export function isTypeScriptModule(path: string): boolean {
  return TYPESCRIPT.test(path);
}

/**
 * The URL of an up-to-date bundle of `entry`, written first when missing or stale. Throws esbuild's
 * error when the project does not compile (the caller then imports the sources, whose error is the one
 * users know).
 */
export async function projectBundleUrl(options: ProjectBundleOptions): Promise<string> {
  const entry = resolvePath(options.entry);
  const cacheDir = join(packageRootOf(entry), 'node_modules', '.cache', 'pulse-projects');
  const key = createHash('sha256').update(`${entry}\0${options.coreIndex}`).digest('hex').slice(0, 16);
  const file = join(cacheDir, `${key}.mjs`);
  const recordFile = join(cacheDir, `${key}.json`);
  if (!isFresh(recordFile, entry, options.coreIndex))
    await bundle(entry, options.coreIndex, file, recordFile);
  return pathToFileURL(file).href;
}

function isFresh(recordFile: string, entry: string, coreIndex: string): boolean {
  let record: BundleRecord;
  try {
    record = JSON.parse(readFileSync(recordFile, 'utf8')) as BundleRecord;
  } catch {
    return false;
  }
  if (record.entry !== entry || record.coreIndex !== coreIndex) return false;
  try {
    statSync(recordFile.replace(/\.json$/, '.mjs'));
  } catch {
    return false;
  }
  return record.inputs.every((input) => {
    try {
      const stats = statSync(input.path);
      return stats.size === input.size && stats.mtimeMs === input.mtimeMs;
    } catch {
      return false;
    }
  });
}

async function bundle(entry: string, coreIndex: string, file: string, recordFile: string): Promise<void> {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    write: false,
    metafile: true,
    sourcemap: 'inline',
    // Absolute paths in the metafile, so the record names each input whatever the working folder.
    absWorkingDir: dirname(entry),
    logLevel: 'silent',
    plugins: [
      {
        name: 'pulse-project-externals',
        setup(build) {
          build.onResolve({ filter: /^@pulse\/core$/ }, () => ({
            path: pathToFileURL(coreIndex).href,
            external: true,
          }));
          // A bare specifier stays an import when it resolves into node_modules (an installed package);
          // a workspace package (a symlink to TypeScript sources) is bundled like the project's own files.
          build.onResolve({ filter: /^[^./]/ }, async (args) => {
            if (args.pluginData === 'resolving') return undefined;
            const resolved = await build.resolve(args.path, {
              kind: args.kind,
              resolveDir: args.resolveDir,
              importer: args.importer,
              pluginData: 'resolving',
            });
            if (resolved.errors.length || resolved.external) return { path: args.path, external: true };
            return resolved.path.split(/[\\/]/).includes('node_modules')
              ? { path: args.path, external: true }
              : { path: resolved.path };
          });
        },
      },
    ],
  });
  const output = result.outputFiles[0]!.contents;
  const inputs = Object.keys(result.metafile.inputs).map((input) => {
    const path = resolvePath(dirname(entry), input);
    const stats = statSync(path);
    return { path, size: stats.size, mtimeMs: stats.mtimeMs };
  });
  mkdirSync(dirname(file), { recursive: true });
  // Written beside, then renamed: a concurrent `pulse` never imports half a file.
  const partial = `${file}.partial-${process.pid}`;
  writeFileSync(partial, output);
  renameSync(partial, file);
  const record: BundleRecord = { entry, coreIndex, inputs };
  writeFileSync(`${recordFile}.partial-${process.pid}`, JSON.stringify(record));
  renameSync(`${recordFile}.partial-${process.pid}`, recordFile);
}

/** The nearest folder at or above the entry's with a package.json (the entry's own folder if none). */
function packageRootOf(entry: string): string {
  let dir = dirname(entry);
  for (;;) {
    try {
      statSync(join(dir, 'package.json'));
      return dir;
    } catch {
      const parent = dirname(dir);
      if (parent === dir) return dirname(entry);
      dir = parent;
    }
  }
}

/** The file path of a `file:` URL, or undefined for any other URL. */
export function filePathOf(url: string): string | undefined {
  return url.startsWith('file:') ? fileURLToPath(url) : undefined;
}
