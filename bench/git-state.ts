// What code a bench result measured: the commit, and the files under packages/ and apps/ that differed from it.
import { execFileSync } from 'node:child_process';
import { REPO_ROOT } from './paths.js';

export function revision(): string {
  return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
}

export function uncommittedFiles(): string[] {
  return uncommittedPaths(
    execFileSync('git', ['status', '--porcelain', '--untracked-files=no', 'packages', 'apps'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    }),
  );
}

/**
 * The paths of `git status --porcelain` output. Each line is two status columns, a space, then the path;
 * the output must not be trimmed first: ` M packages/…` starts with a space, and trimming it made the
 * first path lose its first letter.
 */
export function uncommittedPaths(porcelain: string): string[] {
  return porcelain
    .split('\n')
    .filter((line) => line.length > 3)
    .map((line) => line.slice(3));
}
