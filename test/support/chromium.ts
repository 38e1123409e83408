// Where the browser suites' Chromium is, and what to do when it is missing. The decision is a pure
// function of the machine's facts, so the "tell the user" path is testable on a machine that is root.

/** Debian's chromium (never `npx playwright install`); PULSE_CHROMIUM points the suites elsewhere. */
export const CHROMIUM = process.env.PULSE_CHROMIUM ?? '/usr/bin/chromium';

export const INSTALL_HINT = 'Chromium is missing: run `sudo apt-get install -y chromium`';

export interface MachineFacts {
  readonly executable: string;
  readonly exists: boolean;
  /** Whether apt-get is on the PATH (a Debian-like machine). */
  readonly apt: boolean;
  readonly root: boolean;
  /** Whether `sudo -n true` succeeds (passwordless sudo). */
  readonly sudo: boolean;
}

export type ChromiumPlan =
  | { readonly kind: 'present' }
  | { readonly kind: 'install'; readonly prefix: readonly string[] }
  | { readonly kind: 'missing'; readonly message: string };

export function chromiumPlan(facts: MachineFacts): ChromiumPlan {
  if (facts.exists) return { kind: 'present' };
  // Only Debian's package at the default path is ours to install; a custom PULSE_CHROMIUM is the user's.
  if (facts.apt && facts.executable === '/usr/bin/chromium') {
    if (facts.root) return { kind: 'install', prefix: [] };
    if (facts.sudo) return { kind: 'install', prefix: ['sudo', '-n'] };
  }
  return {
    kind: 'missing',
    message:
      facts.executable === '/usr/bin/chromium'
        ? INSTALL_HINT
        : `Chromium is missing: no executable at PULSE_CHROMIUM=${facts.executable}`,
  };
}
