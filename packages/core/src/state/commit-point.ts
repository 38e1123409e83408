/**
 * Whether this process's run has reached its commit point: the moment it starts writing the publish
 * journal (staged-publish.ts). Before it, a run that stops leaves the published warehouse and marts as
 * they were; from it on, the publish must be finished, by this run or the next one (the journal). A
 * SIGTERM or SIGINT handler asks it to know which of the two a stop means.
 */
let passed = false;

export function passCommitPoint(): void {
  passed = true;
}

export function commitPointPassed(): boolean {
  return passed;
}

/** At the start of a run: the commit point of an earlier run of this process is not this run's. */
export function resetCommitPoint(): void {
  passed = false;
}
