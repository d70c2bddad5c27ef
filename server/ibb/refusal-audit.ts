import { getDb } from '../../db/client';
import { isAppError } from '../../domain/errors';
import { recordAudit } from '../audit/record-audit';

/**
 * Runs a record-changing command; when it is refused (an AppError such as answering twice,
 * initialing stale text or changing a frozen TA) the attempt is written to the audit log —
 * outside the command's rolled-back transaction — before the error goes back to the caller.
 */
export async function auditRefusals<T>(
  context: { partnershipId: string | null; actorId: string; action: string; targetType: string; targetId: string },
  command: () => Promise<T>,
): Promise<T> {
  try {
    return await command();
  } catch (err) {
    if (isAppError(err)) {
      await recordAudit(getDb(), {
        partnershipId: context.partnershipId,
        actorId: context.actorId,
        action: `${context.action}.refused`,
        targetType: context.targetType,
        targetId: context.targetId,
        detail: { code: err.code, message: err.message },
      });
    }
    throw err;
  }
}
