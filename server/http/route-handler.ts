import { NextResponse } from 'next/server';
import { AppError } from '../../domain/errors';
import type { CurrentUser } from '../auth/session';
import { getCurrentUser } from '../auth/session';
import { toErrorResponse } from './errors';

type Handler<P> = (ctx: { req: Request; user: CurrentUser; params: P }) => Promise<unknown>;

/**
 * Wraps every route handler once: checks the session itself (middleware is not an
 * authorization layer), runs the handler, maps errors through the one mapper.
 */
export function withUser<P>(name: string, handler: Handler<P>) {
  return async (req: Request, context: { params: Promise<P> }): Promise<Response> => {
    try {
      const user = await getCurrentUser();
      if (!user) throw new AppError('unauthenticated', 'Sign in to continue');
      const body = await handler({ req, user, params: await context.params });
      // A handler that builds its own response (a file download) returns it as it is.
      if (body instanceof Response) {
        body.headers.set('Cache-Control', 'no-store');
        return body;
      }
      return NextResponse.json(body, { headers: { 'Cache-Control': 'no-store' } });
    } catch (err) {
      const { status, body } = toErrorResponse(err, `route ${name}`);
      return NextResponse.json(body, { status, headers: { 'Cache-Control': 'no-store' } });
    }
  };
}
