import type { Party, Role } from '../../domain/partnership/roles';

/** What every people-management form receives from its page. */
export interface SchoolOption {
  id: string;
  name: string;
}

export type FormResult<T = undefined> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

export interface MemberView {
  membershipId: string;
  name: string;
  party: Party;
  role: Role;
  schoolId: string | null;
  isAdmin: boolean;
}
