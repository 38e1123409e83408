// Every mart of groups (one row per month and segment, cohort or channel) says which of its columns count
// the accounts behind a cell, so min_group_size can suppress small cells on the site. A mart missing from
// SMALL_GROUPS is served unchanged: a new segment mart would have shown one account's numbers with
// suppression on, silently. This fails until it is listed (or it has an account per row).
import { describe, expect, it } from 'vitest';
import { SMALL_GROUPS } from '../../apps/reports/scripts/lib/small-groups.js';
import { project } from '../../packages/models/src/project.js';

const GROUP_KEYS = ['segment', 'channel'];

describe('small-group suppression covers every mart of groups', () => {
  it('lists each mart keyed by segment or channel (and not by account) in SMALL_GROUPS', () => {
    const groupMarts = project.models
      .filter((model) => model.layer === 'marts')
      .filter((model) => {
        const grain: readonly string[] = model.grain ?? [];
        return grain.some((column) => GROUP_KEYS.includes(column)) && !grain.includes('account_id');
      })
      .map((model) => model.name)
      .sort();
    expect(groupMarts.length).toBeGreaterThan(5);
    expect(groupMarts.filter((name) => !(name in SMALL_GROUPS))).toEqual([]);
    // And nothing listed that is no longer a mart of groups.
    expect(Object.keys(SMALL_GROUPS).filter((name) => !groupMarts.includes(name))).toEqual([]);
  });
});
