import { unstable_rethrow } from 'next/navigation';
import { toErrorResponse } from './errors';
import type { ErrorBody } from './errors';

export type ActionResult<T = undefined> = { ok: true; data: T } | { ok: false; error: ErrorBody };

/**
 * Runs a server action body and turns errors into a result the form can show.
 * Next's redirect/notFound signals pass through untouched.
 */
export async function runAction<T>(name: string, body: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await body() };
  } catch (err) {
    unstable_rethrow(err);
    return { ok: false, error: toErrorResponse(err, `action ${name}`).body };
  }
}
