import type { Db } from '../../db/client';
import { getDb } from '../../db/client';
import { partnerships, schools } from '../../db/schema';

export interface CreatePartnershipOptions {
  name: string;
  districtName: string;
  unionName: string;
  schools: { name: string; level: 'elementary' | 'middle' | 'high' | 'other' }[];
}

export interface CreatedPartnership {
  id: string;
  schoolIds: string[];
}

/** Creates a partnership and its schools in one transaction. */
export async function createPartnership(options: CreatePartnershipOptions, db: Db = getDb()): Promise<CreatedPartnership> {
  return db.transaction(async (tx) => {
    const [p] = await tx
      .insert(partnerships)
      .values({ name: options.name, districtName: options.districtName, unionName: options.unionName })
      .returning({ id: partnerships.id });
    if (!p) throw new Error('insert returned no partnership');
    const rows =
      options.schools.length === 0
        ? []
        : await tx
            .insert(schools)
            .values(options.schools.map((s) => ({ ...s, partnershipId: p.id })))
            .returning({ id: schools.id });
    return { id: p.id, schoolIds: rows.map((r) => r.id) };
  });
}
