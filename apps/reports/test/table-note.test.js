// A table view's note column formats its values as Inputs.table does by default (English notation), so a
// reader with a German locale saw "0,833" in the cohort table and "0.833" in every other table.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const TABLE_NOTE = new URL('../src/components/table-note.js', import.meta.url).href;

/** What withNote writes for `value` (a row without a note) in a Node process whose locale is `locale`. */
function writtenUnder(locale, value) {
  const script = `import { withNote } from '${TABLE_NOTE}';
    process.stdout.write(String(withNote(() => undefined)(${value}, 0, [{}])));`;
  return execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...process.env, LC_ALL: locale, LANG: locale },
  }).toString();
}

describe('withNote: the value as Inputs.table writes it', () => {
  it('in English notation whatever the reader’s locale', () => {
    expect(writtenUnder('de_DE.UTF-8', 0.8333)).toBe('0.833');
    expect(writtenUnder('de_DE.UTF-8', 12345.5)).toBe('12,345.5');
    expect(writtenUnder('en_US.UTF-8', 0)).toBe('0');
  });
});
