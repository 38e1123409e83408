import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nothingLost } from '../../src/index.js';
import { FIXTURES, fixtureDataDir, quarantineOutcome, withIngested } from './support/ingest-harness.js';

/**
 * One fixture per bad-input rule of CONTRACT.md: `fixtures/rules/<rule>/data` (laid over the valid
 * `fixtures/base`) and `expected.json`, the exact quarantine rows (file, line, column, reason_code) of
 * every source. Sources absent from expected.json must quarantine nothing.
 */
const RULES = join(FIXTURES, 'rules');

describe('bad-input rules (one fixture each)', () => {
  for (const rule of readdirSync(RULES).sort()) {
    it(rule, async () => {
      const expected = JSON.parse(readFileSync(join(RULES, rule, 'expected.json'), 'utf8'));
      await withIngested(await fixtureDataDir(join('rules', rule)), async (ingested) => {
        expect(await quarantineOutcome(ingested)).toEqual(expected.quarantine);
        for (const source of ingested.report.sources) {
          expect(nothingLost(source), source.name).toBe(true);
          // Every quarantined row says why, in a sentence.
          for (const row of await ingested.quarantine(source.name))
            expect(row.reason, `${source.name} line ${row.line}`).toMatch(/\w+ \w+/);
        }
      });
    });
  }
});
