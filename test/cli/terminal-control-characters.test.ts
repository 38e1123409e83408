// Export data reaches the terminal: file names, quarantined values, account names. A control character
// in them is printed as `\xNN`, end to end with the real CLI: an events file named with ESC[2J (clear
// the screen) and an OSC 8 hyperlink, holding a row with a bad timestamp, is named by `pulse build`
// (reading it, and the quarantined row) and `pulse sources` without one raw ESC or BEL in the output.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPulseCli } from '../support/run-pulse-cli.js';
import { REPO_ROOT } from '../support/site-build.js';

const work = mkdtempSync(join(tmpdir(), 'pulse-terminal-safe-'));
const HOSTILE = 'part-\x1b[2J\x1b]8;;x.example\x07.csv';
const SHOWN = 'part-\\x1b[2J\\x1b]8;;x.example\\x07.csv';

/** Runs `pulse <args>` in the work folder, without colours: its output should hold no control character. */
const pulse = (...args: string[]) => runPulseCli(work, args, { NO_COLOR: '1' });
// biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for them
const controls = (text: string) => text.replaceAll(/[\n\t]/g, '').match(/[\x00-\x1f\x7f-\x9f]/g) ?? [];

beforeAll(() => {
  cpSync(join(REPO_ROOT, 'data', 'raw'), join(work, 'raw'), { recursive: true });
  writeFileSync(
    join(work, 'raw', 'events', HOSTILE),
    'event_id,account_id,user_id,event_name,occurred_at\nzz1,00001,u1,login,not-a-date\n',
  );
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('control characters from export data', () => {
  it('are shown as \\xNN by pulse build and pulse sources, never sent to the terminal', async () => {
    const build = await pulse('build', '--data', 'raw', '--warehouse', 'w.duckdb', '--marts', 'marts');
    expect(build.code).toBe(0);
    expect(build.stdout).toContain(`events: reading events/${SHOWN}`);
    expect(build.stdout).toContain(`events/${SHOWN}:2 [occurred_at] wrong_type`);
    expect(controls(build.stdout + build.stderr)).toEqual([]);

    const sources = await pulse('sources', '--warehouse', 'w.duckdb');
    expect(sources.code).toBe(0);
    expect(sources.stdout).toContain(`events/${SHOWN}`);
    expect(controls(sources.stdout + sources.stderr)).toEqual([]);
    // The events' file table stays aligned: its name is padded as it is shown, not by its raw length.
    const lines = sources.stdout.split('\n');
    const events = lines.findIndex((line) => line.startsWith('events '));
    const header = lines.findIndex((line, i) => i > events && /^\s+file\s+read/.test(line));
    const table = lines.slice(
      header,
      lines.findIndex((line, i) => i > header && /^\s+total \(/.test(line)) + 1,
    );
    expect(table.some((line) => line.includes(SHOWN))).toBe(true);
    expect(new Set(table.map((line) => line.length)).size).toBe(1);
  });
});
