import { defineConfig } from 'vitest/config';
import { LongFirstSequencer } from './test/support/long-first-sequencer.js';

/**
 * The metric fixtures also run under two far-apart time zones: a date must never shift with the machine's
 * TZ. Those two projects run the files whose assertions a TZ shift could move (months, days, timestamps,
 * as_of, periods read from vendor dates); the rule for leaving a file out of them is that nothing it
 * asserts is a date or derived from one. Those files run once, under UTC (and on PostgreSQL where they
 * build models). A new file runs in every zone until it is listed here.
 */
const UTC_ONLY = [
  // About the config file and its errors (the reporting-currency one through a real build, ~15 s).
  'test/config/**',
  // Column types (TIMESTAMP vs TIMESTAMPTZ is a type, not a zone) and the sort order of every mart.
  'test/marts/g8-types.test.ts',
  // Each declared data test fails on its own corruption: about the tests' SQL, not dates. The same data
  // tests run on every fixture build under both zones (buildAndCheck in test/support/customer-build.ts).
  'test/marts/identity-tests.test.ts',
  // Config and data values reach SQL as bound parameters.
  'test/customer/config-injection.test.ts',
  'test/revenue/config_injection.test.ts',
  // Billing interval and plan names from Stripe prices; the shipped mapping files; the test harness.
  'test/presets/stripe/stripe-prices.test.ts',
  'test/presets/mapping-files.test.ts',
  'test/engine/test-engine.test.ts',
];

/**
 * Page visits of one browser suite at a time (test/browser/site.test.ts runs its visits concurrently).
 * A visit mostly waits (on Chromium, on the page's network going quiet), so a few at once fill those
 * waits; three keep both cores busy without starving the other worker's file. The example's suite alone:
 * 83 s one visit at a time, 54 s three at a time; the three site suites together 271 → 185 s.
 */
const BROWSER_VISITS_AT_ONCE = 3;

const modelsUnder = (name: string, timeZone: string) => ({
  test: {
    name,
    root: 'packages/models',
    include: ['test/**/*.test.ts'],
    exclude: timeZone === 'UTC' ? [] : UTC_ONLY,
    // One DuckDB thread, as a build of a small input runs (packages/core/src/runner/duckdb-threads.ts):
    // a fixture's tables are far below the rows DuckDB splits between threads.
    env: { TZ: timeZone, PULSE_THREADS: '1' },
    // One worker process runs many fixture files (each builds its own in-memory warehouse): the ~2 s
    // import of @pulse/core, DuckDB and the project's models is paid once per worker, not once per file.
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

export default defineConfig({
  test: {
    // Vitest's default on a 2-core machine is one worker (cores - 1): every file one after the other.
    // Most of the suite's time is spent in child processes (pulse builds, site builds, Chromium, the
    // PostgreSQL server) that a worker only waits on. With two workers the cores still sat idle a third of
    // the time (a clean clone, 2026-12-07: 937 s, the run's processes at 161 % CPU); with three, `vmstat`
    // read them busy throughout and the same clone took 782 s. (On 2026-12-05 three had read 1,105 s
    // against 964–1,056 s with two: the suite has since moved work into child processes and browser
    // visits.) Every suite works in its own temp folders, site copy (test/support/site-copy.ts), free
    // ports and PostgreSQL database, so files at once never share state.
    maxWorkers: 3,
    // The projects with the longest files start first, so the last minutes are not one file on one worker.
    sequence: { sequencer: LongFirstSequencer },
    projects: [
      {
        test: {
          name: 'core',
          root: 'packages/core',
          include: ['test/**/*.test.ts'],
          // Files share a worker process (each works in temp folders of its own): the import of the
          // engine, DuckDB and Kysely is paid once per worker, not once per file (~1.5 s a file).
          isolate: false,
          // Removes the temp folders a file's helpers made (test/support/tracked-temp-dirs.ts) when it ends.
          setupFiles: ['test/support/remove-temp-dirs.setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        // The bench's own code (bench/test): e.g. the vendor-layout copy building to the same marts.
        test: {
          name: 'bench',
          root: 'bench',
          include: ['test/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        // The data generator (packages/generator): its tests are about files, not dates, so they run once.
        test: {
          name: 'generator',
          root: 'packages/generator',
          include: ['test/**/*.test.ts'],
          isolate: false,
          env: { TZ: 'UTC' },
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      modelsUnder('models', 'UTC'),
      {
        // Every model fixture again with the models built on a real PostgreSQL server (a throwaway one on
        // loopback, installed like Chromium when missing): see packages/models/test/support/test-engine.ts.
        // Config, presets and as-of inference are about files and ingestion, which stay on DuckDB.
        test: {
          name: 'models-postgres',
          root: 'packages/models',
          include: ['test/**/*.test.ts'],
          exclude: ['test/config/**', 'test/presets/**', 'test/vars/**'],
          env: { TZ: 'UTC', PULSE_TEST_ENGINE: 'postgres', PULSE_THREADS: '1' },
          // As modelsUnder: files share a worker (and its database on the server, whose schemas every
          // build resets first: test/support/test-engine.ts).
          isolate: false,
          globalSetup: ['../../test/support/postgres-global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      modelsUnder('models-los-angeles', 'America/Los_Angeles'),
      modelsUnder('models-kolkata', 'Asia/Kolkata'),
      {
        // The site's pure helpers (no browser): e.g. the CSV neutraliser.
        test: {
          name: 'reports',
          root: 'apps/reports',
          include: ['test/**/*.test.js'],
          // Some start the site's scripts (`npm run build` twice in one test): 5 s timed out under load.
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          root: 'test',
          include: ['**/*.test.ts'],
          exclude: ['node_modules/**', 'postgres/**'],
          // Installs Chromium when missing (or says how in one line): see test/support/ensure-chromium.ts.
          globalSetup: ['support/ensure-chromium.ts'],
          testTimeout: 300_000,
          hookTimeout: 600_000,
          maxConcurrency: BROWSER_VISITS_AT_ONCE,
        },
      },
      {
        // The second engine: the sample on DuckDB and on a throwaway PostgreSQL server (loopback only,
        // installed like Chromium when missing), failure isolation there, the engine flags.
        test: {
          name: 'postgres',
          root: 'test',
          include: ['postgres/**/*.test.ts'],
          globalSetup: ['support/postgres-global-setup.ts'],
          testTimeout: 300_000,
          hookTimeout: 600_000,
        },
      },
      {
        // The same browser suite over the site built from the bundled sample by the real `pulse build`
        // (the e2e project above uses fake marts with a failed and a skipped mart, to exercise the banners).
        test: {
          name: 'e2e-sample-site',
          root: 'test',
          include: ['browser/site.test.ts'],
          env: { PULSE_SITE_FIXTURE: 'sample' },
          // Installs Chromium when missing (or says how in one line): see test/support/ensure-chromium.ts.
          globalSetup: ['support/ensure-chromium.ts'],
          testTimeout: 300_000,
          hookTimeout: 600_000,
          maxConcurrency: BROWSER_VISITS_AT_ONCE,
        },
      },
      {
        // The same browser suite over the runnable example (examples/stripe-saas): vendor exports read
        // through the presets by the real `pulse build`, as `npm run example` builds them.
        test: {
          name: 'e2e-example-site',
          root: 'test',
          include: ['browser/site.test.ts'],
          env: { PULSE_SITE_FIXTURE: 'example' },
          // Installs Chromium when missing (or says how in one line): see test/support/ensure-chromium.ts.
          globalSetup: ['support/ensure-chromium.ts'],
          testTimeout: 300_000,
          hookTimeout: 600_000,
          maxConcurrency: BROWSER_VISITS_AT_ONCE,
        },
      },
    ],
  },
});
