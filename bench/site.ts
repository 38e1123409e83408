// The report site built from one benchmark build, and its page weight. The site reads the marts and
// target/ given by env (apps/reports/scripts/lib/paths.js); the weight per page is Framework's own
// build summary (Page = HTML, Imports = JS modules, Files = data attachments), which it computes from dist/.
import { measure } from './measure.js';
import { pageTransfers } from './page-transfer.js';
import { REPO_ROOT } from './paths.js';

export interface PageWeight {
  readonly page: string;
  readonly htmlKb: number;
  readonly jsKb: number;
  readonly dataKb: number;
  /** What a browser loads when the page is opened (bench/page-transfer.ts); absent in older results. */
  readonly loadedKb?: number;
}

export interface SiteRun {
  readonly seconds: number;
  readonly peakRssMb: number;
  readonly pages: readonly PageWeight[];
}

export const siteEnv = (root: string) => ({
  PULSE_MARTS_DIR: `${root}/data/marts`,
  PULSE_ARTIFACTS_DIR: `${root}/target`,
  PULSE_WAREHOUSE: `${root}/warehouse.duckdb`,
  PULSE_REPORTS_DIST: `${root}/site`,
});

export async function buildSite(root: string): Promise<SiteRun> {
  const run = await measure(['npm', 'run', 'build', '-w', '@pulse/reports'], {
    cwd: REPO_ROOT,
    env: { ...siteEnv(root), NO_COLOR: '1' },
  });
  if (run.exitCode !== 0)
    throw new Error(`site build failed:\n${run.stdout.slice(-2000)}\n${run.stderr.slice(-2000)}`);
  const kb = (text: string) => Number.parseFloat(text) * (text.endsWith('MB') ? 1000 : 1);
  const pages = [
    ...run.stdout.matchAll(/^[├└]── (\S+)\s+([\d.]+ [kM]B)\s+([\d.]+ [kM]B)\s+([\d.]+ [kM]B)/gm),
  ].map(([, page, html, js, data]) => ({ page: page!, htmlKb: kb(html!), jsKb: kb(js!), dataKb: kb(data!) }));
  const loaded = new Map((await pageTransfers(siteEnv(root).PULSE_REPORTS_DIST)).map((t) => [t.page, t.kb]));
  const accountPages = [...loaded.keys()].filter((p) => p.startsWith('accounts/'));
  return {
    seconds: run.seconds,
    peakRssMb: run.peakRssMb,
    pages: [
      ...pages.map((p) => ({ ...p, loadedKb: loaded.get(p.page) })),
      ...accountPages.map((page) => ({ page, htmlKb: 0, jsKb: 0, dataKb: 0, loadedKb: loaded.get(page) })),
    ],
  };
}

/**
 * The site's data step writes apps/reports/src/data, which the dev server and colleagues also use: after
 * the benchmark it is re-copied from the default outputs, so the tree looks as it did before.
 */
export async function restoreSiteData(): Promise<void> {
  await measure(['npm', 'run', 'data', '-w', '@pulse/reports'], { cwd: REPO_ROOT });
}
