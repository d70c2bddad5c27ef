import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { schools } from '../../db/schema';
import { AppError } from '../../domain/errors';
import { PARTIES, ROLES, checkMembershipShape } from '../../domain/partnership/roles';

export const membershipShapeInput = z.object({
  party: z.enum(PARTIES),
  role: z.enum(ROLES),
  schoolId: z.preprocess((v) => (v === '' ? null : v), z.string().uuid().nullable().default(null)),
});
export type MembershipShape = z.infer<typeof membershipShapeInput>;

type Reader = Pick<Db, 'select'>;

/** Role must fit the party, school roles need a school, and the school must be this partnership's. */
export async function assertValidMembershipShape(tx: Reader, partnershipId: string, shape: MembershipShape): Promise<void> {
  const problem = checkMembershipShape(shape);
  if (problem === 'role_party_mismatch') throw new AppError(problem, `The role ${shape.role} does not belong to the ${shape.party} party`);
  if (problem === 'school_required') throw new AppError(problem, `The role ${shape.role} needs a school`);
  if (shape.schoolId) {
    const [s] = await tx
      .select({ id: schools.id })
      .from(schools)
      .where(and(eq(schools.id, shape.schoolId), eq(schools.partnershipId, partnershipId)))
      .limit(1);
    if (!s) throw new AppError('bad_request', 'That school is not part of this partnership');
  }
}
