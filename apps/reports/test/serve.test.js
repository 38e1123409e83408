// The site links to clean addresses (/mrr, /accounts/00177): the server the build tells users to run
// must answer them. The hint named python's http.server, which answers 404 to every one of those links.
import { execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from '../scripts/lib/serve-static.js';

const SCRIPTS = fileURLToPath(new URL('../scripts/', import.meta.url));

describe("the site's own server", () => {
  let dist;
  beforeAll(async () => {
    dist = await mkdtemp(join(tmpdir(), 'pulse-serve-'));
    await mkdir(join(dist, 'accounts'));
    await writeFile(join(dist, 'index.html'), 'overview');
    await writeFile(join(dist, 'mrr.html'), 'mrr page');
    await writeFile(join(dist, 'accounts', 'index.html'), 'all accounts');
    await writeFile(join(dist, 'accounts', '00177.html'), 'account 00177');
    await writeFile(join(dist, 'app.js'), 'export {}');
  });
  afterAll(() => rm(dist, { recursive: true, force: true }));

  it('answers clean addresses with their pages, and nothing outside the folder', async () => {
    const server = await serveStatic(dist);
    try {
      const get = async (path) => {
        const response = await fetch(`${server.url}${path}`);
        return [response.status, await response.text(), response.headers.get('content-type')];
      };
      expect(await get('/')).toEqual([200, 'overview', 'text/html; charset=utf-8']);
      expect(await get('/mrr')).toEqual([200, 'mrr page', 'text/html; charset=utf-8']);
      expect(await get('/accounts/00177')).toEqual([200, 'account 00177', 'text/html; charset=utf-8']);
      expect(await get('/accounts/')).toEqual([200, 'all accounts', 'text/html; charset=utf-8']);
      expect(await get('/app.js')).toEqual([200, 'export {}', 'text/javascript; charset=utf-8']);
      expect((await get('/churn'))[0]).toBe(404);
      expect((await get('/../../etc/passwd'))[0]).toBe(404);
      expect((await get('/%2e%2e/%2e%2e/etc/passwd'))[0]).toBe(404);
      // A malformed escape ended the server (an uncaught URIError): every later request then failed.
      expect((await get('/%E0%A4%A'))[0]).toBe(400);
      expect((await get('/mrr'))[0]).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('is what the build prints to serve the site with, and runs as printed', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [join(SCRIPTS, 'print-site.js')], {
      env: { ...process.env, PULSE_REPORTS_DIST: dist },
    });
    const command = /Serve it: (.*)/.exec(stdout)?.[1];
    expect(command).toBe(`node ${join(SCRIPTS, 'serve.js')} ${dist}`);
    const child = spawn(process.execPath, [join(SCRIPTS, 'serve.js'), dist, '--port', '0']);
    try {
      const url = await new Promise((found, failed) => {
        child.stdout.on('data', (chunk) => {
          const match = /at (http:\/\/\S+)\//.exec(String(chunk));
          if (match) found(match[1]);
        });
        child.on('exit', (code) => failed(new Error(`serve.js exited ${code}`)));
      });
      const response = await fetch(`${url}/mrr`);
      expect([response.status, await response.text()]).toEqual([200, 'mrr page']);
    } finally {
      child.kill();
    }
  });
});
