import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const CORE = fileURLToPath(new URL('../..', import.meta.url));
const REPO = join(CORE, '..', '..');
// Inside the repository, so the copy finds the workspace's node_modules (kysely, DuckDB, tsx, esbuild).
const COPY = join(REPO, '.tmp', `bundled-cli-${process.pid}`, 'core');
const PROBE = join(COPY, '..', 'probe-project.ts');

afterAll(() => rmSync(join(COPY, '..'), { recursive: true, force: true }));

async function run(file: string, args: string[], env: Record<string, string> = {}) {
  const { stdout, stderr } = await promisify(execFile)(process.execPath, [file, ...args], {
    cwd: COPY,
    env: { ...process.env, ...env, NO_COLOR: '1' },
  });
  return { stdout, stderr };
}

/**
 * What the probe project saw when the CLI at COPY loaded it: where its module ran from, whether its
 * `@pulse/core` is the module at PROBE_CORE (the engine that runs it), and whether its kysely and zod are
 * the modules at PROBE_KYSELY and PROBE_ZOD (`-` when not asked).
 */
async function probe(env: Record<string, string> = {}) {
  const { stderr } = await run(join(COPY, 'bin', 'pulse.js'), ['ls', '--project', PROBE], env);
  const [, from, sameCore, samePackages] = /PROBE (\S+) (\S+) (\S+)/.exec(stderr) ?? [];
  return { from: from ?? `no probe line in: ${stderr}`, sameCore, samePackages };
}

// A copy of the package, bundled in place: the repository's own dist/ is left to `turbo build`.
describe('the bundled pulse CLI (dist/bundle)', () => {
  it('runs while newer than the sources, with projects resolving @pulse/core to that same bundle', async () => {
    mkdirSync(COPY, { recursive: true });
    for (const part of ['bin', 'src', 'scripts', 'package.json'])
      cpSync(join(CORE, part), join(COPY, part), { recursive: true });
    writeFileSync(
      PROBE,
      [
        "import * as core from '@pulse/core';",
        "import project from '@pulse/models';",
        "import { sql } from 'kysely';",
        "import { z } from 'zod';",
        'const engine = await import(process.env.PROBE_CORE!);',
        'const { PROBE_KYSELY, PROBE_ZOD } = process.env;',
        'const samePackages = PROBE_KYSELY && PROBE_ZOD',
        '  ? sql === (await import(PROBE_KYSELY)).sql && z === (await import(PROBE_ZOD)).z',
        "  : '-';",
        "console.error('PROBE', import.meta.url, core.defineModel === engine.defineModel, samePackages);",
        'export default project;',
        '',
      ].join('\n'),
    );
    await run(join(COPY, 'scripts', 'bundle-cli.mjs'), []);
    // The project (and the models package it imports) runs compiled ahead, no tsx, and its `@pulse/core`
    // is the engine bundle: one engine copy. Its kysely and zod are the bundle's single-file copies, which
    // the engine imports too (and nothing of the bundle imports them from node_modules).
    const bundle = join(COPY, 'dist', 'bundle');
    const bundled = await probe({
      PROBE_CORE: `file://${join(bundle, 'index.js')}`,
      PROBE_KYSELY: `file://${join(bundle, 'vendor', 'kysely.js')}`,
      PROBE_ZOD: `file://${join(bundle, 'vendor', 'zod.js')}`,
    });
    expect(bundled.from).toMatch(
      new RegExp(
        `^file://${REPO}/node_modules/\\.cache/pulse-modules/\\w+/\\.tmp/bundled-cli-\\d+/probe-project\\.mjs$`,
      ),
    );
    expect(bundled.sameCore).toBe('true');
    expect(bundled.samePackages).toBe('true');
    const chunks = readdirSync(bundle).filter((name) => name.endsWith('.js'));
    const imports = chunks.map((name) => readFileSync(join(bundle, name), 'utf8')).join('\n');
    expect(imports).toMatch(/from "\.\/vendor\/kysely\.js"/);
    expect(imports).not.toMatch(/from "(kysely|zod)"/);
    // DuckDB's CommonJS API is required, not imported by name (which makes Node scan its files first).
    expect(imports).not.toMatch(/from "@duckdb\/node-api"/);
    expect(imports).toContain('createRequire(import.meta.url)("@duckdb/node-api")');
    // The version is read relative to the bundle's modules: still the package's.
    const { stdout } = await run(join(COPY, 'bin', 'pulse.js'), ['--version']);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  }, 120_000);

  it('loads the project with the same model fingerprints as the sources: a refresh keeps what a build made', async () => {
    // Built by the bundled CLI (the project compiled ahead), refreshed from the sources (through tsx) after
    // one new event: stg_events rebuilds only that event's day, which it does only when its fingerprint
    // (the text of its functions) is the same however the project was loaded.
    const work = join(COPY, '..', 'fingerprints');
    cpSync(join(REPO, 'data', 'raw'), join(work, 'raw'), { recursive: true });
    const paths = [
      '--data',
      join(work, 'raw'),
      '--warehouse',
      join(work, 'wh.duckdb'),
      '--marts',
      join(work, 'marts'),
    ];
    await run(join(COPY, 'bin', 'pulse.js'), ['build', ...paths]);
    writeFileSync(
      join(work, 'raw', 'events', 'late.csv'),
      'event_id,account_id,user_id,event_name,occurred_at\nlate-1,00001,u1,login,2025-01-15T10:00:00Z\n',
    );
    const { stdout } = await run(join(COPY, 'bin', 'pulse.js'), ['refresh', ...paths], {
      PULSE_FROM_SOURCE: '1',
    });
    expect(stdout).toMatch(/built staging\.stg_events \(table, \d+ rows, rebuilt 1 partition: 2025-01-15\)/);
  }, 120_000);

  it('falls back to the TypeScript sources when one is newer than the bundle, or when asked to', async () => {
    // From the sources, the probe runs from its own file (through tsx) and its `@pulse/core` is the
    // workspace package (packages/core/src).
    const sources = { from: `file://${PROBE}`, sameCore: 'true', samePackages: '-' };
    const env = { PROBE_CORE: `file://${join(CORE, 'src', 'index.ts')}` };
    expect(await probe({ ...env, PULSE_FROM_SOURCE: '1' })).toEqual(sources);
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(COPY, 'src', 'errors.ts'), later, later);
    expect(await probe(env)).toEqual(sources);
  }, 120_000);
});
