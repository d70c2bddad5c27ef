import { NextRequest } from 'next/server';
import { handlers } from '@/server/auth/auth';

/**
 * Under a custom server Next gives every request the URL http://localhost:3000/…, whatever
 * port or host the browser used. Auth.js builds its absolute URLs from that URL — the OIDC
 * redirect_uri a district checks, the redirects after a callback, whether cookies are
 * Secure — so SSO broke on any other port or behind a proxy. Hand Auth.js the origin the
 * request really came to, from the same headers Auth.js itself trusts for server-action
 * sign-ins (Next fills x-forwarded-host/-proto from Host and the socket when a proxy did not).
 */
function withRequestOrigin(req: NextRequest): NextRequest {
  // A chain of proxies lists several values; the first is the client-facing one.
  const first = (name: string) => req.headers.get(name)?.split(',')[0]?.trim() || null;
  const host = first('x-forwarded-host') ?? first('host');
  const proto = first('x-forwarded-proto') ?? 'http';
  if (!host) return req;
  const url = new URL(`${req.nextUrl.pathname}${req.nextUrl.search}`, `${proto}://${host}`);
  return new NextRequest(url, req);
}

export function GET(req: NextRequest): Promise<Response> {
  return handlers.GET(withRequestOrigin(req));
}

export function POST(req: NextRequest): Promise<Response> {
  return handlers.POST(withRequestOrigin(req));
}
