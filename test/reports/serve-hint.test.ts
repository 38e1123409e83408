import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const PRINT_SITE = fileURLToPath(new URL('../../apps/reports/scripts/print-site.js', import.meta.url));
const run = promisify(execFile);

describe('the site build’s "serve it" hint', () => {
  it.each(['/tmp/my reports/dist', "/tmp/it's/dist", '/tmp/$HOME`id`/dist (copy)'])(
    'can be pasted into a shell as is: %s',
    async (dist) => {
      const { stdout } = await run(process.execPath, [PRINT_SITE], {
        env: { ...process.env, PULSE_REPORTS_DIST: dist },
      });
      const command = /serve it: (.*)$/im.exec(stdout)?.[1];
      // The site's own server (apps/reports/scripts/serve.js), which answers its clean addresses.
      expect(command).toMatch(/^node \S*\/apps\/reports\/scripts\/serve\.js /);
      // The shell splits the hint as node would receive it: the folder must come back as one argument.
      const { stdout: folder } = await run('bash', ['-c', `f() { printf %s "$3"; }; f ${command}`]);
      expect(folder).toBe(dist);
    },
  );
});
