import type { ErrorCode } from '../../domain/errors';
import { isAppError } from '../../domain/errors';

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  invitation_invalid: 404,
  invitation_expired: 410,
  invitation_used: 409,
  role_party_mismatch: 400,
  school_required: 400,
  last_manager: 409,
};

export interface ErrorBody {
  code: ErrorCode | 'internal';
  message: string;
}

/**
 * The one mapper from thrown errors to what a client sees. AppErrors keep their code
 * and message; anything else is logged with its cause and reported as a generic failure
 * (never a stack trace, never relabelled as a 4xx).
 */
export function toErrorResponse(err: unknown, context: string): { status: number; body: ErrorBody } {
  if (isAppError(err)) return { status: STATUS[err.code], body: { code: err.code, message: err.message } };
  console.error(`[error] ${context}`, err);
  return { status: 500, body: { code: 'internal', message: 'Something went wrong' } };
}
