// The order vitest starts the suite's files in. Vitest's own order runs the projects alphabetically, so on a
// 2-worker machine the projects holding the longest files (the browser suites, the two-engine sample
// build, core's refresh files) could start last and leave one worker idle at the end. Here the projects
// listed in LONG_FIRST start first, in that order; within a project vitest's order stays (the longest files
// of the last run first, else the largest files first).
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Projects holding files of a minute or more, longest first; every other project follows, by name. */
export const LONG_FIRST = ['e2e-sample-site', 'e2e', 'e2e-example-site', 'postgres', 'core'];

const rank = (project: string) => {
  const at = LONG_FIRST.indexOf(project);
  return at === -1 ? LONG_FIRST.length : at;
};

export class LongFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const ordered = await super.sort(files);
    // Array.prototype.sort is stable: vitest's order holds within a rank.
    return ordered.sort((a, b) => rank(a.project.name) - rank(b.project.name));
  }
}
