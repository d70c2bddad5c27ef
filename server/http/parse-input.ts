import type { z } from 'zod';
import { AppError } from '../../domain/errors';

/** Parses untrusted input; a failure is the caller's bad_request with the first problem named. */
export function parseInput<S extends z.ZodType>(schema: S, data: unknown): z.output<S> {
  const result = schema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    throw new AppError('bad_request', `${where}${issue?.message ?? 'invalid input'}`);
  }
  return result.data;
}

/** FormData as a plain object of its string fields (files ignored). */
export function formFields(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === 'string') out[k] = v;
  return out;
}
