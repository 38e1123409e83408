// The docs live in the repository and stay true: the generated ones match the project, and every link
// of README.md and docs/*.md points at a file of the repository, never at another host.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/site-build.js';

const run = promisify(execFile);
const PULSE_BIN = join(REPO_ROOT, 'packages', 'core', 'bin', 'pulse.js');
const DOCS_DIR = join(REPO_ROOT, 'docs');
const DOC_FILES = [
  join(REPO_ROOT, 'README.md'),
  ...readdirSync(DOCS_DIR)
    .filter((name) => name.endsWith('.md'))
    .map((name) => join(DOCS_DIR, name)),
];

/** Markdown link and image targets, `[text](target)`, outside code blocks and code spans. */
function linkTargetsOf(markdown: string): string[] {
  const prose = markdown.replace(/^```[\s\S]*?^```$/gm, '').replace(/`[^`\n]*`/g, '');
  return [...prose.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((match) => match[1]!);
}

describe('the docs in the repository', () => {
  it('docs/metrics.md and the source tables of docs/inputs.md match the project (else: run `npx pulse docs`)', async () => {
    const checked = await run(process.execPath, [PULSE_BIN, 'docs', '--check'], { cwd: REPO_ROOT }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );
    // The message of `pulse docs --check` names the stale files and says to run `npx pulse docs`.
    expect(checked, checked.stderr).toEqual({ code: 0, stderr: '' });
  });

  it('README.md points at the three guides of docs/', () => {
    const links = linkTargetsOf(readFileSync(join(REPO_ROOT, 'README.md'), 'utf8'));
    expect(links).toEqual(
      expect.arrayContaining(['docs/metrics.md', 'docs/inputs.md', 'docs/adding-a-metric.md']),
    );
  });

  for (const file of DOC_FILES) {
    const name = relative(REPO_ROOT, file);
    it(`${name} links to no other host`, () => {
      const text = readFileSync(file, 'utf8');
      const hosts = [...text.matchAll(/\b(?:https?|ftp):\/\/[^\s)>"'`]+|\bwww\.[a-z0-9-]+\.[a-z]+/gi)].map(
        (match) => match[0],
      );
      expect(hosts, `${name} must link only to files of the repository`).toEqual([]);
    });

    it(`${name} links only to files that exist`, () => {
      const missing = linkTargetsOf(readFileSync(file, 'utf8'))
        .filter((target) => !target.startsWith('#') && !/^[a-z]+:/i.test(target))
        .map((target) => target.split('#')[0]!)
        .filter((target) => !existsSync(resolve(dirname(file), decodeURIComponent(target))));
      expect(missing, `${name} links to files that do not exist`).toEqual([]);
    });
  }
});
