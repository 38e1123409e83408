// A small static server for the built site: the pages link to clean addresses (/mrr, /accounts/00177),
// which Framework writes as mrr.html and accounts/00177.html, so a plain file server (python's
// http.server) answers 404 to every link. Here /page → page.html and /folder/ → folder/index.html.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.csv': 'text/csv',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
};

/**
 * Serves `root` on `host`:`port` (0: any free port). Resolves once listening, with its address and a close().
 * @param {string} root
 * @param {{ port?: number, host?: string }} [options]
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function serveStatic(root, { port = 0, host = '127.0.0.1' } = {}) {
  const server = createServer(async (req, res) => {
    let decoded;
    try {
      decoded = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      // A malformed escape (`/%E0%A4%A`) threw inside the handler and ended the server for every later request.
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Bad request: the address is not valid percent-encoding.\n');
      return;
    }
    // Leading ../ are dropped: nothing outside `root` is ever read.
    const path = normalize(decoded).replace(/^(\.\.[/\\])+/, '');
    const candidates = path.endsWith('/')
      ? [`${path}index.html`]
      : extname(path)
        ? [path]
        : [`${path}.html`, path];
    for (const candidate of candidates) {
      try {
        const body = await readFile(join(root, candidate));
        res.writeHead(200, { 'content-type': TYPES[extname(candidate)] ?? 'application/octet-stream' });
        res.end(body);
        return;
      } catch {
        // the next candidate
      }
    }
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
  });
  await new Promise((listening, failed) => {
    server.once('error', failed);
    server.listen(port, host, listening);
  });
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://${host}:${address.port}`,
    close: () => new Promise((closed) => server.close(() => closed(undefined))),
  };
}
