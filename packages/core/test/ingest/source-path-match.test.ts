import { describe, expect, it } from 'vitest';
import { sourcePathOf } from '../../src/ingest/source-path.js';

const claimed = (path: string, candidates: readonly string[]) =>
  candidates.filter((candidate) => sourcePathOf(path).claims(candidate));

describe('which files a configured path claims', () => {
  const files = [
    'crm/companies.csv',
    'crm/companies.csv.gz',
    'crm/old/companies.csv',
    'crmx/a.csv',
    'crm.csv',
  ];

  it('a file or a folder: the path itself and everything under it, never a longer sibling name', () => {
    expect(claimed('crm/companies.csv', files)).toEqual(['crm/companies.csv']);
    expect(claimed('./crm/', files)).toEqual([
      'crm/companies.csv',
      'crm/companies.csv.gz',
      'crm/old/companies.csv',
    ]);
  });

  it('a glob: * and ? within a name, ** across folders, [..] a class, dots literal', () => {
    expect(claimed('crm/*.csv', files)).toEqual(['crm/companies.csv']);
    expect(claimed('crm/**/*.csv', files)).toEqual(['crm/companies.csv', 'crm/old/companies.csv']);
    expect(claimed('crm?/?.csv', files)).toEqual(['crmx/a.csv']);
    expect(claimed('crm[.x]*', files)).toEqual(['crm.csv']);
    expect(claimed('crm/companies?csv', files)).toEqual(['crm/companies.csv']);
    expect(claimed('crm/companies.csv*', files)).toEqual(['crm/companies.csv', 'crm/companies.csv.gz']);
  });

  it('names the top-level entry when it is literal', () => {
    expect(sourcePathOf('crm/**/*.csv').topName).toBe('crm');
    expect(sourcePathOf('*/companies.csv').topName).toBeUndefined();
  });
});
