// Small CSV files of one layout are read by one statement. A file removed while they were read failed it
// with DuckDB's "Cannot open file .../p20.csv", and the message named the group's first file (p1.csv).
import { describe, expect, it } from 'vitest';
import { blamedFile } from '../../src/ingest/csv-direct-load.js';
import type { SourceFile } from '../../src/ingest/source-files.js';

const file = (name: string) =>
  ({ path: `/data/raw/events/${name}`, relativePath: `events/${name}` }) as unknown as SourceFile;
const group = [file('p1.csv'), file('p2.csv'), file('p20.csv')];

describe('the file a failed read of several files is blamed on', () => {
  it('is the one DuckDB names', () => {
    const error = new Error(
      'IO Error: Cannot open file "/data/raw/events/p20.csv": No such file or directory',
    );
    expect(blamedFile(group, error).relativePath).toBe('events/p20.csv');
  });

  it('is the first when DuckDB names none', () => {
    expect(blamedFile(group, new Error('Out of Memory Error')).relativePath).toBe('events/p1.csv');
  });
});
