// Serves a built site on this machine: `node apps/reports/scripts/serve.js [dist] [--port 8000]`.
// The pages' links are clean addresses (/mrr): see lib/serve-static.js for why a plain file server fails.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { serveStatic } from './lib/serve-static.js';

const usage =
  'usage: node apps/reports/scripts/serve.js [dist folder, default ./dist] [--port 8000] [--host 127.0.0.1]';
let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      port: { type: 'string', default: '8000' },
      host: { type: 'string', default: '127.0.0.1' },
      help: { type: 'boolean', short: 'h' },
    },
  });
} catch (error) {
  console.error(`${error.message}\n${usage}`);
  process.exit(2);
}
if (parsed.values.help) {
  console.log(usage);
  process.exit(0);
}
const port = Number(parsed.values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port ${parsed.values.port}: give a port number from 0 to 65535.\n${usage}`);
  process.exit(2);
}
const dist = resolve(parsed.positionals[0] ?? 'dist');
try {
  const server = await serveStatic(dist, { port, host: parsed.values.host });
  console.log(`Serving ${dist} at ${server.url}/ (Ctrl-C to stop)`);
} catch (error) {
  console.error(
    error.code === 'EADDRINUSE'
      ? `Port ${port} is in use: pass another, e.g. --port ${port + 1}.`
      : `Could not serve ${dist}: ${error.message}`,
  );
  process.exit(1);
}
