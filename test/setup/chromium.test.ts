// The Chromium setup's decision, and its "tell the user" path run for real as a non-root user would
// see it (PULSE_SETUP_AS_USER=1 on this root machine; a PULSE_CHROMIUM that does not exist).
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { chromiumPlan, INSTALL_HINT, type MachineFacts } from '../support/chromium.js';
import { REPO_ROOT } from '../support/site-build.js';

const missing: MachineFacts = {
  executable: '/usr/bin/chromium',
  exists: false,
  apt: true,
  root: false,
  sudo: false,
};

describe('chromiumPlan', () => {
  it('does nothing when chromium is there', () => {
    expect(chromiumPlan({ ...missing, exists: true })).toEqual({ kind: 'present' });
  });

  it('installs with apt-get as root, and through sudo -n when that works', () => {
    expect(chromiumPlan({ ...missing, root: true })).toEqual({ kind: 'install', prefix: [] });
    expect(chromiumPlan({ ...missing, sudo: true })).toEqual({ kind: 'install', prefix: ['sudo', '-n'] });
  });

  it('otherwise says the exact command to run', () => {
    expect(chromiumPlan(missing)).toEqual({ kind: 'missing', message: INSTALL_HINT });
    expect(chromiumPlan({ ...missing, root: true, apt: false })).toEqual({
      kind: 'missing',
      message: INSTALL_HINT,
    });
    expect(INSTALL_HINT).toBe('Chromium is missing: run `sudo apt-get install -y chromium`');
  });

  it('never installs over a custom PULSE_CHROMIUM', () => {
    const plan = chromiumPlan({ ...missing, executable: '/opt/none/chromium', root: true });
    expect(plan).toEqual({
      kind: 'missing',
      message: 'Chromium is missing: no executable at PULSE_CHROMIUM=/opt/none/chromium',
    });
  });
});

describe('ensure-chromium as npm test runs it', () => {
  it('a user without sudo gets one line and exit code 1', async () => {
    const script = join(REPO_ROOT, 'test', 'support', 'ensure-chromium.ts');
    const failure = await promisify(execFile)(join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), [script], {
      cwd: REPO_ROOT,
      env: { ...process.env, PULSE_SETUP_AS_USER: '1', PULSE_CHROMIUM: '/nonexistent/chromium' },
    }).then(
      () => null,
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stdout).toBe('');
    expect(failure?.stderr).toBe(
      'Chromium is missing: no executable at PULSE_CHROMIUM=/nonexistent/chromium\n',
    );
  });
});
