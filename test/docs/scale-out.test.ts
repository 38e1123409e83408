// docs/scale-out.md plans where each table of a build goes on Citus: it must name the project's real
// models (no model that was renamed or never existed), place every one of them, and say which part of
// Citus's own documentation each "on Citus" statement rests on (by section name: the docs never link out).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { models, sources } from '@pulse/models';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/site-build.js';

const doc = readFileSync(join(REPO_ROOT, 'docs', 'scale-out.md'), 'utf8');
const modelNames = models.map((model) => model.name);
const sourceNames = sources.map((source) => source.name);

/** The text of a `## heading` section, up to the next one. */
function section(heading: string): string {
  const start = doc.indexOf(`## ${heading}`);
  expect(start, `docs/scale-out.md has a section "${heading}"`).toBeGreaterThanOrEqual(0);
  const next = doc.indexOf('\n## ', start + 1);
  return doc.slice(start, next === -1 ? undefined : next);
}

/** Table rows (`| … |`) of a section, without the header and the separator. */
const rowsOf = (text: string) =>
  text
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .slice(2);

describe('docs/scale-out.md', () => {
  it('names only models and sources of the project', () => {
    const named = [...doc.matchAll(/`(?:(?:staging|intermediate|marts)\.)?((?:stg|int)_[a-z_]+)`/g)].map(
      (match) => match[1]!,
    );
    const rawNamed = [...doc.matchAll(/`raw\.([a-z_]+)`/g)].map((match) => match[1]!);
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((name) => !modelNames.includes(name))).toEqual([]);
    expect(rawNamed.filter((name) => !sourceNames.includes(name))).toEqual([]);
  });

  it('places every model of the project in the distribution plan', () => {
    const plan = section('What to distribute on Citus');
    const placed = new Set([...plan.matchAll(/`(?:[a-z]+\.)?([a-z_]+)`/g)].map((match) => match[1]!));
    expect(modelNames.filter((name) => !placed.has(name))).toEqual([]);
  });

  it('says on which section of the Citus documentation each statement about Citus rests', () => {
    expect(section('What to distribute on Citus')).toMatch(/Citus docs, '[^']+'/);
    const rows = rowsOf(section('The SQL the models use, and how Citus handles it'));
    expect(rows.length).toBeGreaterThan(10);
    const unsourced = rows.filter((row) => !/Citus docs, '[^']+'/.test(row.split('|').at(-2) ?? ''));
    expect(unsourced).toEqual([]);
  });
});
