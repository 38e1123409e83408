// `pulse docs` on the engine's fixture projects: what metrics.md and inputs.md hold, that a second run
// writes nothing (no date, no order that could change), that --check tells stale from current, and that
// the hand-written prose of inputs.md survives.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REGION_BEGIN, REGION_END } from '../../src/docs/generated-region.js';
import { main } from '../../src/index.js';
import { captureIo } from '../support/capture-io.js';
import { tempDir } from '../support/temp-warehouse.js';
import { TINY_PROJECT_MODULE } from '../support/tiny-project.js';

const SOURCES_PROJECT_MODULE = fileURLToPath(
  new URL('../fixtures/sources-project/project.ts', import.meta.url),
);

describe('pulse docs', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir('pulse-docs-'));
  });
  afterEach(() => cleanup());

  const docs = async (project: string, ...rest: string[]) => {
    const io = captureIo(dir);
    const code = await main(['docs', '--project', project, '--out', join(dir, 'docs'), ...rest], io);
    return { code, stdout: io.output(), stderr: io.errors() };
  };
  const read = (name: string) => readFile(join(dir, 'docs', name), 'utf8');

  it('writes every model with grain, reads, typed and described columns and tests, marts first', async () => {
    expect(await docs(TINY_PROJECT_MODULE)).toEqual({
      code: 0,
      stdout: 'Docs of tiny-fixture in docs: wrote docs/metrics.md, docs/inputs.md.\n',
      stderr: '',
    });
    const metrics = await read('metrics.md');
    const headings = metrics.match(/^##+ .*$/gm);
    expect(headings).toEqual([
      '## Marts at a glance',
      '## Marts',
      '### mrr_by_segment',
      '### big_accounts',
      '### big_account_count',
      '## Staging models',
      '### stg_accounts',
    ]);
    const section = metrics.slice(metrics.indexOf('### mrr_by_segment'), metrics.indexOf('### big_accounts'));
    expect(section).toContain(
      '- Relation: `marts.mrr_by_segment` (table), exported as `mrr_by_segment.parquet`',
    );
    expect(section).toContain('- One row per: `segment`');
    expect(section).toContain('- Reads: `stg_accounts`');
    expect(section).toMatch(/\| `segment` \| `VARCHAR` \| never \(tested\) \| .+ \|/);
    expect(section).toContain('| `unique_mrr_by_segment_segment` | no two rows share `segment` | error |');
    expect(metrics).toContain('[`mrr_by_segment`](#mrr_by_segment)');
    expect(metrics).toContain('run `npx pulse docs`');
  });

  it('is deterministic: a second run writes nothing and --check finds the files current', async () => {
    await docs(TINY_PROJECT_MODULE);
    const first = await read('metrics.md');
    expect((await docs(TINY_PROJECT_MODULE)).stdout).toBe(
      'Docs of tiny-fixture in docs: nothing to write.\n',
    );
    expect(await read('metrics.md')).toBe(first);
    expect(await docs(TINY_PROJECT_MODULE, '--check')).toEqual({
      code: 0,
      stdout: 'Docs are current: docs/metrics.md, docs/inputs.md\n',
      stderr: '',
    });
  });

  it('--check exits 1 naming the stale file and what to run, and writes nothing', async () => {
    await docs(TINY_PROJECT_MODULE);
    const edited = (await read('metrics.md')).replace('### big_accounts', '### big_accounts_renamed');
    await writeFile(join(dir, 'docs', 'metrics.md'), edited);
    expect(await docs(TINY_PROJECT_MODULE, '--check')).toEqual({
      code: 1,
      stdout: '',
      stderr:
        "pulse docs: stale, differs from the project's definitions: docs/metrics.md\n" +
        'Run `npx pulse docs` and commit the result.\n',
    });
    expect(await read('metrics.md')).toBe(edited);
  });

  it('rewrites only the generated part of inputs.md: per source its columns and row rules', async () => {
    const prose = '# Our inputs\n\nWritten by hand.\n\n';
    const after = '\n\nAlso by hand.\n';
    await docs(SOURCES_PROJECT_MODULE);
    await writeFile(
      join(dir, 'docs', 'inputs.md'),
      `${prose}${REGION_BEGIN}\nold tables\n${REGION_END}${after}`,
    );
    expect((await docs(SOURCES_PROJECT_MODULE)).stdout).toBe(
      'Docs of sources-fixture in docs: wrote docs/inputs.md.\n',
    );
    const inputs = await read('inputs.md');
    expect(inputs.startsWith(`${prose}${REGION_BEGIN}\n\n| source | required | one row per |`)).toBe(true);
    expect(inputs.endsWith(`${REGION_END}${after}`)).toBe(true);
    expect(inputs).not.toContain('old tables');
    expect(inputs).toContain('| [`accounts`](#accounts) | yes | One row per account. |');
    expect(inputs).toContain(
      '| `segment` | one of `smb`, `mid_market`, `enterprise` | no |  |  | Segment. |',
    );
    expect(inputs).toContain(
      '| `duplicate_id` | `account_id` | `account_id` is unique; a later row (in file order) repeating it is quarantined |',
    );
  });

  it('an inputs.md without its markers is an error saying which lines to put back', async () => {
    await docs(SOURCES_PROJECT_MODULE);
    await writeFile(join(dir, 'docs', 'inputs.md'), '# Inputs\n\nNo markers.\n');
    const { code, stderr } = await docs(SOURCES_PROJECT_MODULE);
    expect(code).toBe(1);
    expect(stderr).toContain('inputs.md has lost the markers of its generated part: put back the lines');
    expect(stderr).toContain(REGION_BEGIN);
  });

  it('--help says what it writes; pulse --help lists it', async () => {
    const io = captureIo(dir);
    expect(await main(['docs', '--help'], io)).toBe(0);
    expect(io.output()).toContain('Usage: pulse docs [options]');
    expect(io.output()).toContain('--check');
    const global = captureIo(dir);
    await main(['--help'], global);
    expect(global.output()).toMatch(/^ {2}docs {2,}write docs\/metrics\.md/m);
  });
});
