import { execFileSync } from 'node:child_process';
import { mkdir, rename, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IngestFileError } from '../../src/index.js';
import { baseDataDirWith, ingest } from './support/ingest-harness.js';

const EVENTS_HEADER = 'account_id,user_id,event_name,occurred_at\n';
const event = (user: string) => `A1,${user},login,2024-03-01T10:00:00Z\n`;

/** Ingests `dir` and returns the error, which must be an IngestFileError naming `file`. */
async function fileErrorIn(dir: string, file: string): Promise<IngestFileError> {
  const error = await ingest(dir).then(
    async (ingested) => {
      await ingested.close();
      throw new Error('ingestion succeeded');
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(IngestFileError);
  expect((error as IngestFileError).file).toBe(file);
  return error as IngestFileError;
}

describe('the data folder: symlinks', () => {
  it('reads a symlinked source file and a symlinked source folder through their links', async () => {
    const dir = await baseDataDirWith({ 'events-elsewhere/day.csv': EVENTS_HEADER + event('u1') });
    const outside = await baseDataDirWith({});
    await rename(join(dir, 'subscriptions.csv'), join(outside, 'subs.csv'));
    await symlink(join(outside, 'subs.csv'), join(dir, 'subscriptions.csv'));
    await rename(join(dir, 'events-elsewhere'), join(outside, 'events'));
    await symlink(join(outside, 'events'), join(dir, 'events'));
    const ingested = await ingest(dir);
    try {
      expect((await ingested.raw('subscriptions')).length).toBeGreaterThan(0);
      const events = await ingested.raw<{ _file: string; user_id: string }>('events');
      expect(events.map((row) => [row._file, row.user_id])).toEqual([['events/day.csv', 'u1']]);
    } finally {
      await ingested.close();
    }
  });

  it('reports a symlink loop as a file error naming the link, instead of reading the folder 40 times', async () => {
    const dir = await baseDataDirWith({ 'events/day.csv': EVENTS_HEADER + event('u1') });
    await symlink('.', join(dir, 'events', 'loop'));
    const error = await fileErrorIn(dir, 'events/loop');
    expect(error.message).toMatch(/symbolic link.*folder that contains it.*remove the link/);
  });

  it('reads a file reached twice through symlinks once, with a warning', async () => {
    const dir = await baseDataDirWith({ 'events/a/day.csv': EVENTS_HEADER + event('u1') });
    await symlink('a', join(dir, 'events', 'b'));
    const ingested = await ingest(dir);
    try {
      expect((await ingested.raw('events')).length).toBe(1);
      expect(ingested.warnings.join('\n')).toMatch(
        /skipped events\/b\/day.csv: the same file as events\/a\/day.csv/,
      );
    } finally {
      await ingested.close();
    }
  });

  it('says a dangling symlink points at nothing, rather than a raw ENOENT', async () => {
    const dir = await baseDataDirWith({ 'events/day.csv': EVENTS_HEADER + event('u1') });
    await symlink('/nonexistent/export.csv', join(dir, 'events', 'gone.csv'));
    const error = await fileErrorIn(dir, 'events/gone.csv');
    expect(error.message).toContain('is a symbolic link to /nonexistent/export.csv, which does not exist');
    expect(error.message).not.toContain('ENOENT');
  });
});

describe('the data folder: files that are not exports', () => {
  it('ignores hidden files silently and files without a source extension with one warning', async () => {
    const dir = await baseDataDirWith({
      'events/day.csv': EVENTS_HEADER + event('u1'),
      'events/.day.csv.XyZ123': EVENTS_HEADER + event('partial'),
      'events/.DS_Store': 'binary\0junk',
      '.hidden.csv': 'not,a,source\n',
      'README.txt': 'how these exports were made',
    });
    const ingested = await ingest(dir);
    try {
      expect((await ingested.raw<{ user_id: string }>('events')).map((row) => row.user_id)).toEqual(['u1']);
      const warnings = ingested.warnings.join('\n');
      expect(warnings).not.toMatch(/DS_Store|XyZ123|\.hidden/);
      expect(ingested.warnings.filter((warning) => warning.includes('README.txt'))).toHaveLength(1);
    } finally {
      await ingested.close();
    }
  });

  it('warns about top-level exports that match no source, suggesting the near one', async () => {
    const dir = await baseDataDirWith({
      'subscription.csv': 'x\n1\n',
      'Accounts.CSV': 'x\n1\n',
    });
    const ingested = await ingest(dir);
    try {
      const warnings = ingested.warnings.join('\n');
      expect(warnings).toMatch(/subscription\.csv.*matches no source.*did you mean subscriptions/);
      expect(warnings).toMatch(/Accounts\.CSV.*matches no source.*did you mean accounts/);
    } finally {
      await ingested.close();
    }
  });

  it('says a named pipe is a FIFO, not an empty file', async () => {
    const dir = await baseDataDirWith({ 'events/day.csv': EVENTS_HEADER + event('u1') });
    execFileSync('mkfifo', [join(dir, 'events', 'pipe.csv')]);
    const error = await fileErrorIn(dir, 'events/pipe.csv');
    expect(error.message).toContain('is a named pipe (FIFO), not a file: export a regular file');
  });

  it('says UTF-16 without a byte-order mark is UTF-16, not binary', async () => {
    const dir = await baseDataDirWith({});
    await mkdir(join(dir, 'events'));
    await writeFile(join(dir, 'events', 'day.csv'), Buffer.from(EVENTS_HEADER + event('u1'), 'utf16le'));
    const error = await fileErrorIn(dir, 'events/day.csv');
    expect(error.message).toContain('looks like UTF-16 text without a byte-order mark: re-export as UTF-8');
  });
});
