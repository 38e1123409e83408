import { describe, expect, it } from 'vitest';
import { uncommittedPaths } from '../git-state.js';

describe('uncommittedPaths', () => {
  it('keeps every path whole, the first one too when its line starts with a space', () => {
    expect(uncommittedPaths(' M packages/core/src/a.ts\nM  apps/reports/b.md\n')).toEqual([
      'packages/core/src/a.ts',
      'apps/reports/b.md',
    ]);
    expect(uncommittedPaths('')).toEqual([]);
  });
});
