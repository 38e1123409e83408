// Damaged Parquet files in a published marts folder, end to end with the real CLI and project: a mart
// truncated (a copy cut short) or overwritten with text (a wrong file saved under its name). The commands
// that read them name the file and say how to get it back, instead of a DuckDB error reported as a bug.
import { cpSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDigestWorkspace } from '../support/digest-fixture.js';
import { runPulseCli } from '../support/run-pulse-cli.js';

const work = mkdtempSync(join(tmpdir(), 'pulse-damaged-marts-'));

/** Runs `pulse <args>` in `root`, without colours (never throws). */
const pulse = (root: string, ...args: string[]) => runPulseCli(root, args, { NO_COLOR: '1' });

/** The two damages a review found: a file cut short, and text saved under a mart's name. */
const DAMAGES = {
  truncated: (file: string) => truncateSync(file, 100),
  text: (file: string) => writeFileSync(file, 'account_id,mrr\nA,100\n'),
} as const;

let built: string;
beforeAll(async () => {
  built = join(work, 'built');
  writeDigestWorkspace(built, { as_of: '2024-04-15' });
  const result = await pulse(built, 'build');
  expect(result.code, result.stdout + result.stderr).toBe(0);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A copy of the built marts folder with one file damaged; the path of the damaged file. */
function damagedCopy(name: string, file: string, damage: keyof typeof DAMAGES): string {
  const marts = join(work, `${name}-${damage}`);
  cpSync(join(built, 'data', 'marts'), marts, { recursive: true });
  DAMAGES[damage](join(marts, file));
  return marts;
}

describe('damaged Parquet files in the marts folder', () => {
  // Both gave "unexpected error (a bug; please report it)" and DuckDB's stack.
  it.each(['truncated', 'text'] as const)(
    'pulse digest names a %s mart and how to republish it (exit 1)',
    async (damage) => {
      const marts = damagedCopy('digest', 'mrr_monthly.parquet', damage);
      const result = await pulse(built, 'digest', '--marts', marts);
      expect(result.stderr).not.toContain('unexpected error');
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(
        `pulse digest: ${join(marts, 'mrr_monthly.parquet')} is damaged: it is not a readable Parquet file.`,
      );
      expect(result.stderr).toContain('`pulse refresh`');
      expect(result.stderr).toContain('`pulse build`');
    },
  );

  it.each(['truncated', 'text'] as const)(
    'pulse diff names a %s file of changes/ and how to republish it (exit 1)',
    async (damage) => {
      const marts = damagedCopy('diff', join('changes', 'values.parquet'), damage);
      const result = await pulse(built, 'diff', '--marts', marts);
      expect(result.stderr).not.toContain('unexpected error');
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(
        `pulse diff: ${join(marts, 'changes', 'values.parquet')} is damaged: it is not a readable Parquet file.`,
      );
      expect(result.stderr).toContain('`pulse refresh`');
    },
  );
});
