import type { IncomingMessage, ServerResponse } from 'node:http';
import { CLIENT_ADDRESS_HEADER } from '../auth/client-address';

type NextHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * Wraps Next's handler: records the connecting address for rate limiting (overwriting
 * any client-sent value) and sets security headers on every response.
 */
export function createRequestHandler(handle: NextHandler) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    req.headers[CLIENT_ADDRESS_HEADER] = req.socket.remoteAddress ?? 'unknown';
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
    res.setHeader('X-Frame-Options', 'DENY');
    try {
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
