// The site's own static server (apps/reports/scripts/lib/serve-static.js), on a free port of 127.0.0.1:
// the browser suites visit the pages through what users are told to serve them with.
import { serveStatic as serveSite } from '../../apps/reports/scripts/lib/serve-static.js';

export interface StaticServer {
  readonly url: string;
  close(): Promise<void>;
}

export function serveStatic(root: string): Promise<StaticServer> {
  return serveSite(root);
}
