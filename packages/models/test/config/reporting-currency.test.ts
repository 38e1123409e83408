import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const PULSE = fileURLToPath(new URL('../../../core/bin/pulse.js', import.meta.url));

/** The real `pulse` in `cwd`, with no PULSE_* variable: its paths are only its flags. */
async function pulse(cwd: string, ...args: string[]) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('PULSE_')));
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [PULSE, ...args], {
      cwd,
      env: { ...env, NO_COLOR: '1' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('reporting_currency: an ISO 4217 code; one found nowhere in the data is warned about', () => {
  let root: string;
  const config = (value: object) => writeFile(join(root, 'data', 'pulse.config.json'), JSON.stringify(value));
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'pulse-currency-'));
    const generated = await pulse(root, 'generate', '--out', 'data/raw', '--accounts', '20', '--months', '3');
    expect(generated.code).toBe(0);
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('a typo that is no ISO 4217 code exits 2 before anything runs, with a "did you mean"', async () => {
    await config({ reporting_currency: 'USX', as_of: '2026-10-31' });
    const { code, stderr } = await pulse(root, 'build');
    expect(code).toBe(2);
    expect(stderr).toContain(
      'reporting_currency: "USX" is not an ISO 4217 currency code (did you mean "USD"?)',
    );
    expect(stderr).not.toContain('    at ');
  });

  it('a real code found in no row builds (its rows in other currencies are no_fx_rate), and says why', async () => {
    // CONTRACT.md: a value in another currency with no applicable rate is a row error; the build goes on.
    await config({ reporting_currency: 'CHF', as_of: '2026-10-31' });
    const { code, stdout } = await pulse(root, 'build');
    expect(code).toBe(0);
    expect(stdout).toContain(
      'warning reporting_currency "CHF" appears in no subscription, invoice or spend row',
    );
    expect(stdout).toMatch(
      /quarantined as no_fx_rate.*The currencies in the data and fx_rates: [A-Z, ]*USD/s,
    );
  });

  it('a reporting currency with rows of its own builds', async () => {
    await config({ reporting_currency: 'usd', as_of: '2026-10-31' });
    const { code, stderr } = await pulse(root, 'build');
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  });
});
