/**
 * Regenerates the committed sample in data/raw (see data/README.md). Extra arguments override the defaults:
 *   npx tsx data/generate-sample.ts [--out DIR] [--accounts N] [--months M] [--seed S] [--end YYYY-MM-DD]
 *                                   [--corrupt-rows K] [--workers W] [--gzip-level L]
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generate } from '@pulse/generator';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: fileURLToPath(new URL('./raw', import.meta.url)) },
    accounts: { type: 'string', default: '500' },
    months: { type: 'string', default: '26' },
    seed: { type: 'string', default: '42' },
    end: { type: 'string', default: '2026-10-15' },
    'corrupt-rows': { type: 'string', default: '6' },
    workers: { type: 'string' },
    'gzip-level': { type: 'string', default: '9' },
  },
});

const started = performance.now();
await generate({
  outDir: values.out,
  accounts: Number(values.accounts),
  months: Number(values.months),
  seed: Number(values.seed),
  end: values.end,
  corruptRows: Number(values['corrupt-rows']),
  ...(values.workers === undefined ? {} : { workers: Number(values.workers) }),
  gzipLevel: Number(values['gzip-level']),
  onProgress: (message) => console.log(message),
});
console.log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
