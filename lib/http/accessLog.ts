// One debug line per request: method, path (never the query string), status and time.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { log } from '@/lib/log';

export function logAccess(req: IncomingMessage, res: ServerResponse): void {
  const start = performance.now();
  res.once('finish', () => {
    log.debug('request', {
      method: req.method,
      path: (req.url ?? '/').split('?')[0].slice(0, 200),
      status: res.statusCode,
      ms: Math.round((performance.now() - start) * 10) / 10,
    });
  });
}
