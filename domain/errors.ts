/**
 * The one error type Accord throws on purpose. `code` is stable and machine-readable;
 * transports map it to an HTTP status or a socket error (server/http/errors.ts) and the
 * UI translates it. Anything else thrown is an unexpected failure: logged with its
 * cause and shown as a generic message.
 */
export const ERROR_CODES = [
  'bad_request',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'rate_limited',
  'invitation_invalid',
  'invitation_expired',
  'invitation_used',
  'role_party_mismatch',
  'school_required',
  'last_manager',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export class AppError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof Error && value.name === 'AppError' && 'code' in value;
}
