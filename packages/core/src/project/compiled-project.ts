import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve as resolvePath, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * A TypeScript project module compiled to JavaScript ahead of its import, for a CLI that runs from the
 * engine's bundle. Why: loaded through tsx, each of a project's ~60 small modules crossed tsx's loader
 * thread (~0.45 s of every `pulse` command before its first statement); compiled by esbuild once, and
 * reused while none of the files changed (size and mtime, like make), the project loads in ~0.1 s.
 *
 * Each module is compiled on its own, into a mirror of its path, and keeps its own scope: a bundle would
 * merge every module into one scope and rename colliding names (`sql` → `sql2`), which would change the
 * source text of a model's functions, and so its fingerprint, whenever another module is added.
 * What is compiled: every module the project reaches outside `node_modules` (its own files and workspace
 * packages such as `@pulse/models`). What is not: installed packages (kysely, zod…), imported by name from
 * the mirror, which sits in a cache folder inside the same package's `node_modules` so names resolve as
 * they did for the source; `@pulse/core`, imported from the engine bundle running the CLI, so
 * `defineModel` and the engine are one copy of the module; and kysely and zod, imported from the bundle's
 * single-file copies of them (`vendor/`, what the engine imports), for the same reason. JSON files are
 * inlined (and recorded, so an edited mapping file compiles its importer again). One caveat: `import.meta.url` inside a compiled module
 * names its mirror; a project that reads files beside its modules runs with PULSE_FROM_SOURCE=1.
 */
export interface CompiledProjectOptions {
  /** The project's entry file (a `.ts`, `.mts` or `.tsx` file). */
  readonly entry: string;
  /** The engine bundle's index (`dist/bundle/index.js`): what `@pulse/core` becomes. */
  readonly coreIndex: string;
}

interface CompileRecord {
  readonly entry: string;
  readonly coreIndex: string;
  /** Every compiled module and inlined JSON file, with its size and mtime when it was read. */
  readonly inputs: readonly Input[];
}

interface Input {
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
}

/** Taken before the file is read: a change made while it compiles is seen by the next run. */
function inputOf(path: string): Input {
  const stats = statSync(path);
  return { path, size: stats.size, mtimeMs: stats.mtimeMs };
}

const TYPESCRIPT = /\.(c|m)?tsx?$/;

/** Whether a resolved module is a TypeScript file (the only kind worth compiling). */
export function isTypeScriptModule(path: string): boolean {
  return TYPESCRIPT.test(path);
}

/**
 * The URL of the compiled entry, compiled first when missing or stale. Throws esbuild's error when the
 * project does not compile (the caller then imports the sources, whose error is the one users know).
 */
export async function compiledProjectUrl(options: CompiledProjectOptions): Promise<string> {
  const entry = resolvePath(options.entry);
  const { coreIndex } = options;
  const recordFile = recordFileOf(entry, coreIndex);
  if (!isFresh(recordFile, entry, coreIndex)) await compileProject(entry, coreIndex, recordFile);
  return pathToFileURL(mirrorOf(entry, coreIndex)).href;
}

/**
 * The files the compiled project was made from (every module and inlined JSON file), as its record lists
 * them; undefined when it was not compiled. While none changed, neither did the project.
 */
export function compiledProjectInputs(options: CompiledProjectOptions): string[] | undefined {
  const entry = resolvePath(options.entry);
  try {
    const record = JSON.parse(readFileSync(recordFileOf(entry, options.coreIndex), 'utf8')) as CompileRecord;
    return record.inputs.map((input) => input.path);
  } catch {
    return undefined;
  }
}

function recordFileOf(entry: string, coreIndex: string): string {
  const key = createHash('sha256').update(`${entry}\0${coreIndex}`).digest('hex').slice(0, 16);
  return join(cacheDirOf(entry, coreIndex), `${key}.json`);
}

/** Bumped whenever the compiled form changes (options below), so no older mirror is ever reused. */
const COMPILED_FORM = 3;

/** The cache folder of a module: in its package's node_modules, one per engine bundle and compiled form. */
function cacheDirOf(file: string, coreIndex: string): string {
  const engine = createHash('sha256').update(`${COMPILED_FORM}\0${coreIndex}`).digest('hex').slice(0, 12);
  return join(packageRootOf(file), 'node_modules', '.cache', 'pulse-modules', engine);
}

/** Where a module's compiled JavaScript goes: its path within its package, under the cache folder. */
function mirrorOf(file: string, coreIndex: string): string {
  const within = relative(packageRootOf(file), file).replace(TYPESCRIPT, '');
  return join(cacheDirOf(file, coreIndex), `${within}.mjs`);
}

function isFresh(recordFile: string, entry: string, coreIndex: string): boolean {
  let record: CompileRecord;
  try {
    record = JSON.parse(readFileSync(recordFile, 'utf8')) as CompileRecord;
  } catch {
    return false;
  }
  if (record.entry !== entry || record.coreIndex !== coreIndex) return false;
  return record.inputs.every((input) => {
    try {
      const stats = statSync(input.path);
      if (isTypeScriptModule(input.path)) statSync(mirrorOf(input.path, coreIndex));
      return stats.size === input.size && stats.mtimeMs === input.mtimeMs;
    } catch {
      return false;
    }
  });
}

/** Compiles the entry and every project module it reaches, level by level, then records them. */
async function compileProject(entry: string, coreIndex: string, recordFile: string): Promise<void> {
  const { build } = await import('esbuild');
  const seen = new Set([entry]);
  const inputs = new Map<string, Input>();
  let level = [entry];
  while (level.length) {
    const next: string[] = [];
    await Promise.all(
      level.map(async (file) => {
        const compiled = await compileModule(build, file, coreIndex);
        for (const input of compiled.inputs) inputs.set(input.path, input);
        for (const imported of compiled.imported) {
          if (seen.has(imported)) continue;
          seen.add(imported);
          next.push(imported);
        }
      }),
    );
    level = next;
  }
  const record: CompileRecord = {
    entry,
    coreIndex,
    inputs: [...inputs.values()].sort((a, b) => a.path.localeCompare(b.path)),
  };
  writeAtomically(recordFile, JSON.stringify(record));
}

type Build = typeof import('esbuild').build;

/**
 * Compiles one module into its mirror, every import left an import: `@pulse/core` to the engine bundle,
 * an installed package by name, a project module to that module's mirror. Returns the project modules it
 * imports, and what it read: itself and the JSON files it inlines.
 */
async function compileModule(
  build: Build,
  file: string,
  coreIndex: string,
): Promise<{ imported: string[]; inputs: Input[] }> {
  const mirror = mirrorOf(file, coreIndex);
  const imported: string[] = [];
  const inputs = [inputOf(file)];
  const result = await build({
    entryPoints: [file],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    write: false,
    sourcemap: 'inline',
    // As tsx compiles: the source text of a model's functions (its fingerprint) is then the same whether
    // the project was loaded from its sources or compiled here, and a refresh keeps what a build made.
    minifyWhitespace: true,
    logLevel: 'silent',
    plugins: [
      {
        name: 'pulse-module-imports',
        setup(build) {
          build.onResolve({ filter: /.*/ }, async (args) => {
            if (args.kind === 'entry-point' || args.pluginData === 'resolving') return undefined;
            if (args.path === '@pulse/core') return { path: pathToFileURL(coreIndex).href, external: true };
            const vendored = vendoredPackageOf(args.path, coreIndex);
            if (vendored) return { path: pathToFileURL(vendored).href, external: true };
            if (args.path.startsWith('node:')) return { path: args.path, external: true };
            const resolved = await build.resolve(args.path, {
              kind: args.kind,
              resolveDir: args.resolveDir,
              importer: args.importer,
              pluginData: 'resolving',
            });
            const bare = !args.path.startsWith('.') && !args.path.startsWith('/');
            if (
              resolved.errors.length ||
              resolved.external ||
              resolved.path.split(sep).includes('node_modules')
            ) {
              // An installed package (or one esbuild cannot place): Node resolves it from the mirror.
              return bare ? { path: args.path, external: true } : undefined;
            }
            // JSON (a shipped mapping file) is inlined, as it needs an import attribute Node would ask for.
            if (resolved.path.endsWith('.json')) {
              inputs.push(inputOf(resolved.path));
              return { path: resolved.path };
            }
            if (!isTypeScriptModule(resolved.path))
              return { path: pathToFileURL(resolved.path).href, external: true };
            imported.push(resolved.path);
            let path = relative(dirname(mirror), mirrorOf(resolved.path, coreIndex)).split(sep).join('/');
            if (!path.startsWith('.')) path = `./${path}`;
            return { path, external: true };
          });
        },
      },
    ],
  });
  writeAtomically(mirror, result.outputFiles[0]!.contents);
  return { imported, inputs };
}

/** The packages the engine bundle carries as one file each (VENDORED in scripts/bundle-cli.mjs). */
export const VENDORED_PACKAGES: readonly string[] = ['kysely', 'zod'];

/**
 * The engine bundle's single-file copy of a package that both it and a project import (kysely, zod), when
 * the bundle has one: the project must import the engine's copy, or it would hold a second kysely.
 */
export function vendoredPackageOf(specifier: string, coreIndex: string): string | undefined {
  if (!VENDORED_PACKAGES.includes(specifier)) return undefined;
  const file = join(dirname(coreIndex), 'vendor', `${specifier}.js`);
  return existsSync(file) ? file : undefined;
}

/** Written beside, then renamed: a concurrent `pulse` never imports half a file. */
function writeAtomically(file: string, contents: string | Uint8Array): void {
  mkdirSync(dirname(file), { recursive: true });
  const partial = `${file}.partial-${process.pid}`;
  writeFileSync(partial, contents);
  renameSync(partial, file);
}

const packageRoots = new Map<string, string>();

/** The nearest folder at or above the file's with a package.json (the file's own folder if none). */
function packageRootOf(file: string): string {
  const start = dirname(file);
  const known = packageRoots.get(start);
  if (known) return known;
  let dir = start;
  for (;;) {
    try {
      statSync(join(dir, 'package.json'));
      break;
    } catch {
      const parent = dirname(dir);
      if (parent === dir) {
        dir = start;
        break;
      }
      dir = parent;
    }
  }
  packageRoots.set(start, dir);
  return dir;
}

/** The file path of a `file:` URL, or undefined for any other URL. */
export function filePathOf(url: string): string | undefined {
  return url.startsWith('file:') ? fileURLToPath(url) : undefined;
}
