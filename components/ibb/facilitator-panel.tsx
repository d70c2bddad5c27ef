'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import type { SessionState } from '../../domain/ibb/views';
import { timerPhase } from './clock';
import { PhaseControls } from './phase-stepper';
import { useSession } from './session-context';

const ANONYMITY: SessionState['anonymity'][] = ['named', 'party', 'anonymous'];

/** The facilitator's controls: step, timer, lock, anonymity, the lead role. */
export function FacilitatorPanel() {
  const t = useTranslations('ibbSession.facilitator');
  const ta = useTranslations('ibbSession.anonymity');
  const { state, actions, run } = useSession();
  const [anonymity, setAnonymity] = useState(state.anonymity);
  // Another facilitator's announcement replaces an unsent choice.
  useEffect(() => setAnonymity(state.anonymity), [state.anonymity]);
  return (
    <section aria-labelledby="facilitator-title" className="card space-y-4">
      <h2 id="facilitator-title" className="text-xl font-bold">
        {t('title')}
      </h2>
      <PhaseControls />
      <TimerControls />
      <div className="flex flex-wrap items-center gap-2">
        <button type="button" className={state.isLocked ? 'btn-primary' : 'btn-secondary'} aria-pressed={state.isLocked} onClick={() => void run(() => actions.control({ control: 'lock', isLocked: !state.isLocked }))}>
          {state.isLocked ? t('unlock') : t('lock')}
        </button>
        <span className="text-sm text-zinc-700">{state.isLocked ? t('lockedHint') : t('unlockedHint')}</span>
      </div>
      <div className="flex flex-wrap items-end gap-2">
        <label>
          <span className="field-label">{t('anonymityLabel')}</span>
          <select className="field-input" value={anonymity} onChange={(e) => setAnonymity(ANONYMITY.find((a) => a === e.currentTarget.value) ?? state.anonymity)}>
            {ANONYMITY.map((a) => (
              <option key={a} value={a}>
                {ta(`mode.${a}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="btn-secondary" disabled={anonymity === state.anonymity} onClick={() => void run(() => actions.control({ control: 'anonymity', anonymity }))}>
          {t('announce')}
        </button>
      </div>
      <HandOff />
    </section>
  );
}

function TimerControls() {
  const t = useTranslations('ibbSession.timer');
  const { state, actions, run } = useSession();
  const [minutes, setMinutes] = useState('10');
  const phase = timerPhase(state.timer);
  const parsed = Number(minutes);
  const isValid = Number.isFinite(parsed) && parsed >= 0.1 && parsed <= 240;
  return (
    <div className="space-y-2">
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          if (isValid) void run(() => actions.control({ control: 'timer_start', minutes: parsed }));
        }}
      >
        <label>
          <span className="field-label">{t('minutes')}</span>
          <input type="number" min={0.1} max={240} step="any" inputMode="decimal" className="field-input w-28" value={minutes} onChange={(e) => setMinutes(e.currentTarget.value)} />
        </label>
        <button type="submit" className="btn-primary" disabled={!isValid}>
          {phase === 'idle' ? t('start') : t('restart')}
        </button>
      </form>
      <div className="flex flex-wrap gap-2">
        {phase === 'running' && (
          <button type="button" className="btn-secondary" onClick={() => void run(() => actions.control({ control: 'timer_pause' }))}>
            {t('pause')}
          </button>
        )}
        {phase === 'paused' && (
          <button type="button" className="btn-secondary" onClick={() => void run(() => actions.control({ control: 'timer_resume' }))}>
            {t('resume')}
          </button>
        )}
        {phase !== 'idle' && (
          <button type="button" className="btn-secondary" onClick={() => void run(() => actions.control({ control: 'timer_clear' }))}>
            {t('clear')}
          </button>
        )}
      </div>
    </div>
  );
}

function HandOff() {
  const t = useTranslations('ibbSession.facilitator');
  const { state, actions, run } = useSession();
  const lead = state.participants.find((p) => p.isLead) ?? null;
  const others = state.participants.filter((p) => p.role === 'facilitator' && p.userId !== state.me.userId);
  const [target, setTarget] = useState('');
  return (
    <div className="space-y-2">
      <p>{lead ? t('lead', { name: lead.name }) : t('noLead')}</p>
      {others.length > 0 && (
        <div className="flex flex-wrap items-end gap-2">
          <label>
            <span className="field-label">{t('handOffLabel')}</span>
            <select className="field-input" value={target} onChange={(e) => setTarget(e.currentTarget.value)}>
              <option value="">{t('handOffChoose')}</option>
              {others.map((p) => (
                <option key={p.userId} value={p.userId}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="btn-secondary" disabled={!target} onClick={() => void run(() => actions.handOff(target)).then((ok) => ok && setTarget(''))}>
            {t('handOff')}
          </button>
        </div>
      )}
    </div>
  );
}
