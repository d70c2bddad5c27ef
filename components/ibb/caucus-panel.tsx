'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { isBargainingParty } from '../../domain/ibb/session-rules';
import { activeCaucuses } from './clock';
import { useSession } from './session-context';

/** `caucus:<sessionId>:<party>` → the party, for the caucus board link. */
export function caucusParty(docId: string): 'labor' | 'management' | null {
  const party = docId.split(':')[2] ?? '';
  return isBargainingParty(party) ? party : null;
}

/** Calling and ending caucuses, the way into one's own caucus board, and the facilitator invitation. */
export function CaucusPanel() {
  const t = useTranslations('ibbSession.caucus');
  const tp = useTranslations('parties');
  const { state, can, actions, run, serverNow, partnershipId } = useSession();
  const [minutes, setMinutes] = useState('15');
  const active = serverNow === null ? state.caucuses : activeCaucuses(state.caucuses, serverNow);
  const isMineActive = active.some((c) => c.party === state.me.party);
  const parsed = Number(minutes);
  const isValid = Number.isInteger(parsed) && parsed >= 1 && parsed <= 240;
  const boards = state.myCaucusDocIds.flatMap((id) => {
    const party = caucusParty(id);
    return party ? [party] : [];
  });
  const canEndAll = can.isFacilitator && active.length > 0;
  if (!can.canCallCaucus && !canEndAll && boards.length === 0) return null;
  return (
    <section aria-labelledby="caucus-title" className="card space-y-3">
      <h2 id="caucus-title" className="text-xl font-bold">
        {t('title')}
      </h2>
      {can.canCallCaucus && !isMineActive && (
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (isValid) void run(() => actions.callCaucus(parsed));
          }}
        >
          <label>
            <span className="field-label">{t('minutes')}</span>
            <input type="number" min={1} max={240} step={1} inputMode="numeric" className="field-input w-24" value={minutes} onChange={(e) => setMinutes(e.currentTarget.value)} />
          </label>
          <button type="submit" className="btn-primary" disabled={!isValid}>
            {t('call')}
          </button>
        </form>
      )}
      {can.canCallCaucus && isMineActive && (
        <button type="button" className="btn-primary" onClick={() => void run(() => actions.endCaucus())}>
          {t('endOurs')}
        </button>
      )}
      {canEndAll && (
        <button type="button" className="btn-secondary" onClick={() => void run(() => actions.endCaucus())}>
          {t('endAll')}
        </button>
      )}
      {boards.length > 0 && (
        <ul className="space-y-1">
          {boards.map((party) => (
            <li key={party}>
              <Link className="font-semibold text-blue-800 underline" href={`/p/${partnershipId}/ibb/${state.id}/caucus/${party}`}>
                {t('openBoard', { party: tp(party) })}
              </Link>
            </li>
          ))}
        </ul>
      )}
      {can.canInviteFacilitators && (
        <label className="flex min-h-[44px] items-center gap-2">
          <input
            type="checkbox"
            className="h-5 w-5"
            checked={state.isFacilitatorInvitedToMyCaucus}
            onChange={(e) => {
              const isInvited = e.currentTarget.checked;
              void run(() => actions.setCaucusInvite(isInvited));
            }}
          />
          {t('invite')}
        </label>
      )}
    </section>
  );
}
