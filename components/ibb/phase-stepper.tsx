'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { IBB_PHASES } from '../../domain/ibb/session-rules';
import type { IbbPhase } from '../../domain/ibb/session-rules';
import { useSession } from './session-context';

/** Where the group is in the process; every step links to its part of the board. */
export function PhaseStepper() {
  const t = useTranslations('ibbSession');
  const { state } = useSession();
  const currentIndex = IBB_PHASES.indexOf(state.phase);
  return (
    <nav aria-label={t('stepper.label')}>
      <ol className="flex flex-wrap gap-1" data-testid="phase-stepper">
        {IBB_PHASES.map((phase, index) => {
          const isCurrent = phase === state.phase;
          const tone = isCurrent ? 'bg-blue-700 text-white border-blue-700' : index < currentIndex ? 'bg-zinc-100 text-zinc-900 border-zinc-400' : 'bg-white text-zinc-900 border-zinc-400';
          return (
            <li key={phase}>
              <a href={`#phase-${phase}`} aria-current={isCurrent ? 'step' : undefined} className={`inline-flex min-h-[44px] items-center gap-1 rounded-md border-2 px-2 py-1 font-semibold ${tone}`}>
                <span aria-hidden="true">{index + 1}.</span>
                {t(`phases.${phase}`)}
                {index < currentIndex && <span className="sr-only">{t('stepper.done')}</span>}
              </a>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

/** The facilitator moves everyone to a step (the timer stops and the spotlight clears). */
export function PhaseControls() {
  const t = useTranslations('ibbSession');
  const { state, actions, run } = useSession();
  const index = IBB_PHASES.indexOf(state.phase);
  const previous = IBB_PHASES[index - 1];
  const next = IBB_PHASES[index + 1];
  const [chosen, setChosen] = useState<IbbPhase>(state.phase);
  useEffect(() => setChosen(state.phase), [state.phase]);
  const moveTo = (phase: IbbPhase) => void run(() => actions.control({ control: 'phase', phase }));
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        {previous && (
          <button type="button" className="btn-secondary" onClick={() => moveTo(previous)}>
            {t('stepper.back', { phase: t(`phases.${previous}`) })}
          </button>
        )}
        {next && (
          <button type="button" className="btn-primary" onClick={() => moveTo(next)}>
            {t('stepper.next', { phase: t(`phases.${next}`) })}
          </button>
        )}
      </div>
      <div className="flex flex-wrap items-end gap-2">
        <label>
          <span className="field-label">{t('stepper.goTo')}</span>
          <select className="field-input" value={chosen} onChange={(e) => setChosen(IBB_PHASES.find((p) => p === e.currentTarget.value) ?? state.phase)}>
            {IBB_PHASES.map((p) => (
              <option key={p} value={p}>
                {t(`phases.${p}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="btn-secondary" disabled={chosen === state.phase} onClick={() => moveTo(chosen)}>
          {t('stepper.move')}
        </button>
      </div>
    </div>
  );
}
