// The decisions of a refresh without DuckDB: which model is kept, rebuilt whole or by partitions, and
// what a build changed for the models downstream. The executor's end-to-end behaviour is covered by
// test/refresh/incremental.test.ts.
import { describe, expect, it } from 'vitest';
import {
  changedByBuild,
  changedSourcesOf,
  decideModel,
  decidePartitions,
  type ModelFacts,
} from '../../src/refresh/rebuild-decisions.js';

/** A model the published build made and nothing touched since. */
const untouched: ModelFacts = {
  before: { codeFingerprint: 'code-1', fingerprint: 'all-1' },
  available: true,
  codeFingerprint: 'code-1',
  fingerprint: 'all-1',
  readsChangedSource: false,
  dependsOnChangedModel: false,
  partitioned: false,
  upstreamCodeChanged: false,
};

describe('decideModel', () => {
  it('keeps a model whose fingerprints are unchanged and whose inputs did not change', () => {
    expect(decideModel(untouched)).toEqual({ kind: 'keep' });
  });

  it.each<[string, Partial<ModelFacts>]>([
    ['not built by the published build', { before: undefined }],
    ['missing from the staged copy or its Parquet file gone', { available: false }],
    ['its code changed', { codeFingerprint: 'code-2', fingerprint: 'all-2' }],
    ['a value it reads changed', { fingerprint: 'all-2' }],
    ['it reads a changed source', { readsChangedSource: true }],
    ['a model it reads changed', { dependsOnChangedModel: true }],
  ])('rebuilds a model whole when %s', (_, change) => {
    expect(decideModel({ ...untouched, ...change })).toEqual({ kind: 'full' });
  });

  it('asks a stale partitioned model with unchanged code which partitions changed', () => {
    expect(decideModel({ ...untouched, partitioned: true, readsChangedSource: true })).toEqual({
      kind: 'ask-partitions',
    });
    expect(decideModel({ ...untouched, partitioned: true, fingerprint: 'all-2' })).toEqual({
      kind: 'ask-partitions',
    });
  });

  it('rebuilds a partitioned model whole when its code changed or it is not available', () => {
    const partitioned = { ...untouched, partitioned: true, readsChangedSource: true };
    expect(decideModel({ ...partitioned, codeFingerprint: 'code-2' })).toEqual({ kind: 'full' });
    expect(decideModel({ ...partitioned, available: false })).toEqual({ kind: 'full' });
  });

  it('rebuilds a partitioned model whole when code upstream changed the rows it reads', () => {
    // Its own code is the same, but a model it reads was rewritten: no partitionBy.changed reasons about that.
    const downstream = { ...untouched, partitioned: true, dependsOnChangedModel: true };
    expect(decideModel(downstream)).toEqual({ kind: 'ask-partitions' });
    expect(decideModel({ ...downstream, upstreamCodeChanged: true })).toEqual({ kind: 'full' });
  });
});

describe('decidePartitions', () => {
  it('rebuilds whole for all partitions, keeps for none, else rebuilds those partitions', () => {
    expect(decidePartitions('all')).toEqual({ kind: 'full' });
    expect(decidePartitions([])).toEqual({ kind: 'keep' });
    expect(decidePartitions(['2024-03'])).toEqual({ kind: 'partitions', partitions: ['2024-03'] });
  });
});

describe('changedByBuild', () => {
  it('marks everything changed downstream of a failed model', () => {
    expect(changedByBuild('error', { kind: 'full' }, 'h', 'h')).toBe('all');
  });

  it('marks only the rebuilt partitions changed after a partial rebuild', () => {
    const decision = { kind: 'partitions', partitions: ['2024-03'] };
    expect(changedByBuild('success', decision, 'h1', 'h2')).toEqual(['2024-03']);
  });

  it('stops at a whole rebuild that gave the same rows, and only then', () => {
    expect(changedByBuild('success', { kind: 'full' }, 'h', 'h')).toBeUndefined();
    expect(changedByBuild('success', { kind: 'full' }, 'h1', 'h2')).toBe('all');
    expect(changedByBuild('success', { kind: 'full' }, undefined, 'h')).toBe('all');
    // No hash (e.g. a view): the rows cannot be compared, so they count as changed.
    expect(changedByBuild('success', { kind: 'full' }, null, null)).toBe('all');
  });
});

describe('changedSourcesOf', () => {
  const summary = { rowsRead: 0, rowsLoaded: 0, rowsQuarantined: 0, quarantineByReason: {} };

  it('skips reused sources, marks whole reads `all` and lists the new, changed and gone files of appended ones', () => {
    const outcome = {
      sources: [
        { ...summary, name: 'accounts', files: ['accounts.csv'], mode: 'reused' as const },
        { ...summary, name: 'invoices', files: ['invoices.csv'] },
        {
          ...summary,
          name: 'events',
          files: ['events/b.csv', 'events/c.csv'],
          filesRead: ['events/c.csv', 'events/b.csv'],
          mode: 'appended' as const,
        },
      ],
    };
    const baseline = {
      files: [
        { path: 'accounts.csv', source: 'accounts' },
        { path: 'events/a.csv', source: 'events' },
        { path: 'events/b.csv', source: 'events' },
      ],
      unchanged: new Set(['accounts.csv']),
    };
    expect(changedSourcesOf(outcome, baseline)).toEqual(
      new Map<string, readonly string[] | 'all'>([
        ['invoices', 'all'],
        ['events', ['events/a.csv', 'events/b.csv', 'events/c.csv']],
      ]),
    );
  });
});
