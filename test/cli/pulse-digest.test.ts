// `pulse digest` end to end: the real CLI and project on the small export of test/support/digest-fixture.ts,
// whose digest is worked out by hand below; the same text in run_results.json; a first month, a month
// before any revenue and missing marts; the errors and the help.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDigestWorkspace } from '../support/digest-fixture.js';
import { runPulseCli } from '../support/run-pulse-cli.js';

const work = mkdtempSync(join(tmpdir(), 'pulse-digest-'));

/** Runs `pulse <args>` in `root` (never throws). */
const pulse = (root: string, ...args: string[]) => runPulseCli(root, args);

/** The fixture built at `as_of` in its own root. */
async function built(name: string, asOf: string): Promise<string> {
  const root = join(work, name);
  writeDigestWorkspace(root, { as_of: asOf });
  const result = await pulse(root, 'build');
  expect(result.code, result.stdout + result.stderr).toBe(0);
  return root;
}

// As of 2024-04-15 the latest complete month is March 2024 (February before it).
// MRR: February 100 + 200 + 150 + 100 + 400 + 500 = 1,450; March 100 + 300 + 0 + 50 + 100 + 200 + 220 = 970:
// down 480, −480 / 1,450 = −33.1 %. Gains: B +100 (expansion), D +50 (new); losses: G −280, F −200
// (contraction), C −150 (churn). Logo churn: 1 of the 6 accounts paying in February = 16.7 %, above the
// default target (below 5 %). NRR: (100 + 300 + 0 + 100 + 200 + 220) / 1,450 = 920 / 1,450 = 63.4 %;
// GRR: (100 + 200 + 0 + 100 + 200 + 220) / 1,450 = 820 / 1,450 = 56.6 %.
// Renewals in the 90 days after 2024-04-15: E's year on 2024-05-01 (12 × 100 = 1,200; April health 100:
// healthy) and G's quarter on 2024-06-01 (12 × 220 = 2,640; April health 100 × 220 / 500 (January) = 44:
// critical). Health in March: F 100 × 200 / 400 (December) = 50 (at risk), G 100 × 220 / 500 = 44
// (critical); both 100 in February (not paying in November): healthy → fell, G first by MRR (220 > 200).
// G's name keeps its underscore as Markdown text (escaped).
const MARCH_2024 = `## Customer success digest: March 2024

March 2024 is the latest complete month as of 2024-04-15. Figures are for all segments, amounts in USD.

- MRR: $970 at the end of March 2024, down $480 (−33.1%) on February 2024.
- Biggest gains: Beta Ltd +$100 (expansion), Delta +$50 (new).
- Biggest losses: Golf\\_Partners −$280 (contraction), Foxtrot GmbH −$200 (contraction), Cobalt −$150 (churned).
- Logo churn: 16.7% (1 of 6 accounts paying at the start of the month); target below 5.0%: BREACHED.
- NRR, 1 month: 63.4% (GRR, 1 month: 56.6%).
- Renewals due in the 90 days after 2024-04-15: 2 renewals, $3,840 ARR at stake: 1 critical ($2,640), 1 healthy ($1,200).
- Fell from healthy into at risk or critical in March 2024: 2 accounts, the largest by MRR: Golf\\_Partners ($220 MRR, critical), Foxtrot GmbH ($200 MRR, at risk).
`;

let march: string;
beforeAll(async () => {
  march = await built('march', '2024-04-15');
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('pulse digest', () => {
  it('prints the latest complete month in plain words, as worked out by hand', async () => {
    const result = await pulse(march, 'digest');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(MARCH_2024);
  });

  it('is the digest the build wrote into run_results.json, which the report site shows', async () => {
    const results = JSON.parse(readFileSync(join(march, 'target', 'run_results.json'), 'utf8'));
    expect(results.digest).toEqual({ month: '2024-03-01', markdown: MARCH_2024.trimEnd() });
    const json = await pulse(march, 'digest', '--json');
    expect(JSON.parse(json.stdout)).toEqual({
      as_of: '2024-04-15',
      month: '2024-03-01',
      markdown: MARCH_2024.trimEnd(),
    });
  });

  it('names the other targets and judges them with the config as it is now, as pulse check does', async () => {
    const config = join(work, 'targets.json');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      config,
      JSON.stringify({
        targets: [
          { metric: 'mrr_monthly.nrr', operator: '>', threshold: 1 },
          { metric: 'mrr_monthly.active_accounts', operator: '>', threshold: 2 },
          // A segment the data does not have: not judged, and said so (not counted as missed).
          { metric: 'mrr_monthly.active_accounts', segment: 'no-such-segment', operator: '>', threshold: 2 },
        ],
      }),
    );
    const result = await pulse(march, 'digest', '--config', config);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines).toContain('- Logo churn: 16.7% (1 of 6 accounts paying at the start of the month).');
    expect(lines).toContain(
      '- Other targets: 1 of 3 met, 1 without data; failing: `mrr_monthly.nrr` is 0.6345, target above 1: BREACHED.',
    );
  });

  it('says what is not available when a mart is missing', async () => {
    const marts = join(work, 'some-marts');
    cpSync(join(march, 'data', 'marts'), marts, { recursive: true });
    for (const mart of ['mrr_movers', 'renewals_upcoming', 'health_scores'])
      rmSync(join(marts, `${mart}.parquet`));
    const result = await pulse(march, 'digest', '--marts', marts);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n').slice(4)).toEqual([
      '- MRR: $970 at the end of March 2024, down $480 (−33.1%) on February 2024.',
      '- Biggest movers: not available (the mrr_movers mart is missing).',
      '- Logo churn: 16.7% (1 of 6 accounts paying at the start of the month); target below 5.0%: BREACHED.',
      '- NRR, 1 month: 63.4% (GRR, 1 month: 56.6%).',
      '- Renewals due in the 90 days after 2024-04-15: not available (the renewals_upcoming mart is missing).',
      '- Fell from healthy into at risk or critical in March 2024: not available (the health_scores mart is missing).',
      '',
    ]);
  });

  // As of 2023-06-10 only Echo exists (the others sign up later): May 2023 is its first paying month.
  it('on the first month with revenue: nothing to compare, no rates, no health scores before', async () => {
    const root = await built('first', '2023-06-10');
    const result = await pulse(root, 'digest');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`## Customer success digest: May 2023

May 2023 is the latest complete month as of 2023-06-10. Figures are for all segments, amounts in USD.

- MRR: $100 at the end of May 2023, the first month with revenue: there is no month before to compare with.
- Biggest gains: Echo +$100 (new).
- Biggest losses: none.
- Logo churn: no paying accounts at the start of May 2023, so no rate; target below 5.0%: not judged (no value).
- NRR, 1 month: no MRR at the start of May 2023, so no net revenue retention.
- Renewals due in the 90 days after 2023-06-10: none.
- Fell from healthy into at risk or critical in May 2023: no health scores for April 2023 to compare with.
`);
  });

  // As of 2023-05-20 the latest complete month is April 2023: before Echo's first payment.
  it('on a month before any revenue', async () => {
    const root = await built('before', '2023-05-20');
    const result = await pulse(root, 'digest');
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n').slice(4)).toEqual([
      '- MRR: no revenue in April 2023.',
      '- Biggest gains: none.',
      '- Biggest losses: none.',
      '- Logo churn: no data for April 2023; target below 5.0%: not judged (no value).',
      '- NRR, 1 month: no data for April 2023.',
      '- Renewals due in the 90 days after 2023-05-20: none.',
      '- Fell from healthy into at risk or critical in April 2023: no health scores for March 2023 to compare with.',
      '',
    ]);
  });

  it('exits 1 without a warehouse, saying how to make one', async () => {
    const result = await pulse(march, 'digest', '--warehouse', join(work, 'nowhere.duckdb'));
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('No warehouse at');
    expect(result.stderr).toContain('run `pulse build`');
  });

  // A --marts folder that does not exist (a typo) gave a digest of "not available" lines, exit 0; so did
  // an empty folder, or a file given as the folder (an empty nightly email).
  it('exits 1 when the marts folder does not exist or holds no marts, saying how to make it', async () => {
    const empty = join(work, 'empty-marts');
    mkdirSync(empty, { recursive: true });
    const file = join(work, 'a-file.parquet');
    writeFileSync(file, '');
    for (const marts of [join(work, 'no-such-marts'), empty, file]) {
      const result = await pulse(march, 'digest', '--marts', marts);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(`No marts at ${marts}`);
    }
  });

  // A run killed in the middle of its publish leaves marts of one run beside the warehouse and
  // run_results.json of another until the next run: digest and check judged that mix without a word.
  it('digest and check refuse while a publish is half done, saying to run pulse refresh', async () => {
    const journal = join(march, 'data', 'warehouse.duckdb.publishing');
    writeFileSync(journal, '{}\n');
    try {
      // Killed between its renames, a run may leave no marts folder: the advice is still to complete it.
      for (const [command, ...flags] of [['digest'], ['check'], ['digest', '--marts', join(work, 'gone')]]) {
        const result = await pulse(march, command!, ...flags);
        expect(result.code).toBe(1);
        expect(result.stdout).toBe('');
        expect(result.stderr).toContain('is half done');
        expect(result.stderr).toContain('run `pulse refresh` to complete it');
      }
    } finally {
      rmSync(journal, { force: true });
    }
  });

  it('documents itself in --help and in the command list', async () => {
    const help = await pulse(march, 'digest', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: pulse digest [options]');
    expect(help.stdout).toMatch(/latest complete month/);
    expect((await pulse(march, '--help')).stdout).toMatch(/\n {2}digest +a short Markdown summary/);
  });
});
