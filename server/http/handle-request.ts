import type { IncomingMessage, ServerResponse } from 'node:http';
import { CLIENT_ADDRESS_HEADER } from '../auth/client-address';
import { isRefusedByPartnershipGate } from './partnership-gate';

type NextHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;
type NotFoundRenderer = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * Wraps Next's handler: records the connecting address for rate limiting (overwriting
 * any client-sent value) and sets security headers on every response.
 */
export function createRequestHandler(handle: NextHandler, render404: NotFoundRenderer) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    req.headers[CLIENT_ADDRESS_HEADER] = req.socket.remoteAddress ?? 'unknown';
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
    res.setHeader('X-Frame-Options', 'DENY');
    try {
      if (await isRefusedByPartnershipGate(req)) {
        res.setHeader('Cache-Control', 'no-store');
        if ((req.url ?? '').startsWith('/api/')) {
          res.statusCode = 404;
          res.setHeader('Content-Type', 'application/json');
          res.end(JSON.stringify({ code: 'not_found', message: 'Partnership not found' }));
        } else {
          await render404(req, res);
        }
        return;
      }
      await handle(req, res);
    } catch (err) {
      console.error('[http] unhandled error', req.method, req.url, err);
      if (!res.headersSent) {
        res.statusCode = 500;
        res.end('Something went wrong');
      }
    }
  };
}
