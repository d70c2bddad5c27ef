'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { PARTIES, ROLES, partiesForRole, requiresSchool } from '../../domain/partnership/roles';
import type { Party, Role } from '../../domain/partnership/roles';
import type { SchoolOption } from './types';

interface Props {
  idPrefix: string;
  schools: SchoolOption[];
  initial?: { party: Party; role: Role; schoolId: string | null };
}

/** Party, role and school selects that keep each other consistent as the user picks. */
export function MembershipFields({ idPrefix, schools, initial }: Props) {
  const t = useTranslations('invite');
  const tp = useTranslations('parties');
  const tr = useTranslations('roles');
  const [role, setRole] = useState<Role>(initial?.role ?? 'teacher');
  const [party, setParty] = useState<Party>(initial?.party ?? 'labor');
  const allowedParties = partiesForRole(role);
  return (
    <>
      <div>
        <label htmlFor={`${idPrefix}-role`} className="field-label">
          {t('role')}
        </label>
        <select
          id={`${idPrefix}-role`}
          name="role"
          className="field-input"
          value={role}
          onChange={(e) => {
            const next = ROLES.find((r) => r === e.target.value) ?? 'teacher';
            setRole(next);
            const fits = partiesForRole(next);
            if (!fits.includes(party) && fits[0]) setParty(fits[0]);
          }}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {tr(r)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${idPrefix}-party`} className="field-label">
          {t('party')}
        </label>
        <select
          id={`${idPrefix}-party`}
          name="party"
          className="field-input"
          value={party}
          onChange={(e) => setParty(PARTIES.find((p) => p === e.target.value) ?? party)}
        >
          {PARTIES.filter((p) => allowedParties.includes(p)).map((p) => (
            <option key={p} value={p}>
              {tp(p)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${idPrefix}-school`} className="field-label">
          {t('school')}
        </label>
        <select id={`${idPrefix}-school`} name="schoolId" className="field-input" defaultValue={initial?.schoolId ?? ''} required={requiresSchool(role)}>
          <option value="">{t('noSchool')}</option>
          {schools.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}
