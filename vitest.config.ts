import { defineConfig } from 'vitest/config';

/** The metric fixtures also run under two far-apart time zones: a date must never shift with the machine's TZ. */
const modelsUnder = (name: string, timeZone: string) => ({
  test: {
    name,
    root: 'packages/models',
    include: ['test/**/*.test.ts'],
    // test/config is about the config file and its errors (the reporting-currency one through a real build,
    // ~15 s), not dates; once, under UTC, is enough.
    exclude: timeZone === 'UTC' ? [] : ['test/config/**'],
    env: { TZ: timeZone },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'core',
          root: 'packages/core',
          include: ['test/**/*.test.ts'],
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
          env: { TZ: 'UTC', PULSE_TEST_ENGINE: 'postgres' },
          globalSetup: ['../../test/support/postgres-global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      modelsUnder('models-los-angeles', 'America/Los_Angeles'),
      modelsUnder('models-kolkata', 'Asia/Kolkata'),
      {
        // The site's pure helpers (no browser): e.g. the CSV neutraliser.
        test: { name: 'reports', root: 'apps/reports', include: ['test/**/*.test.js'] },
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
        },
      },
    ],
  },
});
