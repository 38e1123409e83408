// Issue 13's rule for the project's models: raw `sql` (a template, `sql.raw`, `sql.ref`) only where the
// builder and the expression helpers cannot say it, each such place under a comment that says why
// (`// Raw sql stays …: <why>`), on the statement, argument or declaration that holds it, or at the head
// of the block around it. The builder
// checks column names against the models' types; raw SQL text checks nothing.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/site-build.js';

const MODELS_SRC = join(REPO_ROOT, 'packages', 'models', 'src');

/** A comment that names raw sql and gives a reason after a colon. */
const WHY = /raw sql\b[^:\n]*:\s*\S/i;

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? filesUnder(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );

/** `sql\`…\``, `sql<T>\`…\``, `sql.raw(…)`, `sql.ref(…)`: SQL text whose column names nothing checks. */
function isRawSql(node: ts.Node): boolean {
  if (ts.isTaggedTemplateExpression(node)) return ts.isIdentifier(node.tag) && node.tag.text === 'sql';
  return (
    ts.isCallExpression(node) &&
    ts.isPropertyAccessExpression(node.expression) &&
    ts.isIdentifier(node.expression.expression) &&
    node.expression.expression.text === 'sql' &&
    ['raw', 'ref'].includes(node.expression.name.text)
  );
}

/**
 * Whether a comment says why just before `node` or one of its enclosing nodes, or at the head of an
 * enclosing block (before its first statement: a why for the whole block).
 */
function hasWhy(node: ts.Node, text: string): boolean {
  const says = (at: ts.Node) =>
    (ts.getLeadingCommentRanges(text, at.getFullStart()) ?? []).some((range) =>
      WHY.test(text.slice(range.pos, range.end)),
    );
  for (let at: ts.Node | undefined = node; at && !ts.isSourceFile(at); at = at.parent) {
    if (says(at)) return true;
    if (ts.isBlock(at) && at.statements.length > 0 && says(at.statements[0]!)) return true;
  }
  return false;
}

/** `file:line: code` of every raw sql of the models' sources without a why. */
function rawSqlWithoutWhy(): string[] {
  const found: string[] = [];
  for (const file of filesUnder(MODELS_SRC)) {
    const text = readFileSync(file, 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (isRawSql(node)) {
        if (!hasWhy(node, text)) {
          const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
          const code = node.getText().split('\n')[0]!.slice(0, 80);
          found.push(`${relative(REPO_ROOT, file)}:${line}: ${code}`);
        }
        return;
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

describe('raw sql in the models (packages/models/src)', () => {
  it('is there only with a one-line why (`// Raw sql stays …: why`), the rest is builder code', () => {
    expect(rawSqlWithoutWhy()).toEqual([]);
  });

  it('the check sees a raw sql without a why, and accepts one with it', () => {
    const check = (code: string) => {
      const source = ts.createSourceFile('x.ts', code, ts.ScriptTarget.Latest, true);
      const hits: boolean[] = [];
      const visit = (node: ts.Node): void => {
        if (isRawSql(node)) hits.push(hasWhy(node, code));
        else ts.forEachChild(node, visit);
      };
      visit(source);
      return hits;
    };
    expect(check('q.orderBy(sql`q.score asc nulls last`);')).toEqual([false]);
    expect(check('q.select(sql.ref(column).as("c"));')).toEqual([false]);
    expect(
      check('// Raw sql stays here: the column is named at run time.\nq.select(sql.ref(c).as("c"));'),
    ).toEqual([true]);
    expect(check('const f = () =>\n  // a comment with no reason\n  sql`count(*)`;')).toEqual([false]);
    expect(
      check(
        'function f() {\n  // Raw sql stays: a relation named at run time.\n  const a = 1;\n  return sql`x`;\n}',
      ),
    ).toEqual([true]);
    expect(
      check(
        'function f() {\n  const a = 1;\n  // Raw sql stays: not at the head.\n  const b = 2;\n  return sql`x`;\n}',
      ),
    ).toEqual([false]);
  });
});
