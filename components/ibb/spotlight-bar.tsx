'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useRef } from 'react';
import { useSession } from './session-context';
import { spotlightItem } from './spotlight';

/** What the facilitator has put in everyone's spotlight, with a way to jump to it. */
export function SpotlightBar() {
  const t = useTranslations('ibbSession.spotlight');
  const { state, board, can, actions, run } = useSession();
  const item = spotlightItem(board, state.spotlight);
  if (!state.spotlight || !item) return null;
  return (
    <div role="status" className="flex flex-wrap items-center gap-2 rounded-md border-2 border-amber-500 bg-amber-50 p-2" data-testid="spotlight-bar">
      <span className="font-bold">{t('now', { kind: t(`kinds.${item.kind}`) })}</span>
      <span className="min-w-0 flex-1 break-words text-lg">{item.text}</span>
      <button type="button" className="btn-secondary min-h-[36px] px-2 py-1 text-sm" onClick={() => scrollToSpotlight(state.spotlight, true)}>
        {t('show')}
      </button>
      {can.isFacilitator && (
        <button type="button" className="btn-secondary min-h-[36px] px-2 py-1 text-sm" onClick={() => void run(() => actions.control({ control: 'spotlight', spotlight: null }))}>
          {t('clear')}
        </button>
      )}
    </div>
  );
}

function scrollToSpotlight(key: string | null, shouldFocus: boolean): void {
  if (!key) return;
  bringIntoView(document.querySelector<HTMLElement>(`[data-spotlight="${CSS.escape(key)}"]`), shouldFocus);
}

function bringIntoView(target: HTMLElement | null, shouldFocus: boolean): void {
  if (!target) return;
  const rect = target.getBoundingClientRect();
  const isVisible = rect.top >= 0 && rect.bottom <= window.innerHeight;
  const isReduced = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  // Someone typing keeps their place; they can jump with "Show".
  const active = document.activeElement;
  const isTyping = active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement || active instanceof HTMLSelectElement;
  if (!isVisible && (shouldFocus || !isTyping)) target.scrollIntoView({ block: 'center', behavior: isReduced ? 'auto' : 'smooth' });
  if (shouldFocus) {
    target.tabIndex = -1;
    target.focus({ preventScroll: true });
  }
}

/**
 * Brings a newly spotlighted item into view on every screen. Focus stays where it was,
 * so nobody's typing is interrupted.
 */
export function useScrollToSpotlight(spotlight: string | null, isBoardShown: boolean): void {
  useEffect(() => {
    if (isBoardShown) scrollToSpotlight(spotlight, false);
  }, [spotlight, isBoardShown]);
}

/**
 * When the facilitator moves the group to another step, every screen goes to that step's
 * part of the board (not on first load: people arrive where they choose to be).
 */
export function useScrollToPhase(phase: string): void {
  const previous = useRef(phase);
  useEffect(() => {
    if (previous.current === phase) return;
    previous.current = phase;
    bringIntoView(document.getElementById(`phase-${phase}`), false);
  }, [phase]);
}
