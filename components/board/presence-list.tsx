'use client';

import { useTranslations } from 'next-intl';
import type { Party } from '../../domain/partnership/roles';

export interface PresencePerson {
  id: string;
  name: string;
  party: Party | null;
}

export function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((p) => p[0]?.toUpperCase())
    .join('');
}

/** A small badge in the person's party colour; used for avatars and "is editing" marks. */
export function PartyAvatar({ person }: { person: PresencePerson }) {
  return (
    <span aria-hidden="true" className={`flex h-9 w-9 shrink-0 items-center justify-center rounded-full border-2 border-current text-sm font-bold party-${person.party ?? 'neutral'}`}>
      {initials(person.name)}
    </span>
  );
}

/** Who has the board open: the viewer first, then everyone else once. */
export function PresenceList({ self, others }: { self: PresencePerson; others: PresencePerson[] }) {
  const t = useTranslations('board.presence');
  const tp = useTranslations('parties');
  const people = [{ ...self, label: t('you', { name: self.name }) }, ...others.map((p) => ({ ...p, label: p.name }))];
  return (
    <ul aria-label={t('label')} data-testid="board-presence" className="flex flex-wrap items-center gap-2">
      {people.map((p) => (
        <li key={p.id} className="flex items-center gap-2 rounded-full border border-zinc-300 bg-white py-1 pl-1 pr-3" data-person={p.id}>
          <PartyAvatar person={p} />
          <span className="font-semibold">{p.label}</span>
          {p.party && <span className="sr-only">({tp(p.party)})</span>}
        </li>
      ))}
    </ul>
  );
}
