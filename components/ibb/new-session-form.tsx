'use client';

import { useTranslations } from 'next-intl';
import { useMemo, useState, useTransition } from 'react';
import type { FormEvent } from 'react';
import type { SessionRole } from '../../domain/ibb/session-rules';
import { isBargainingParty } from '../../domain/ibb/session-rules';
import { PARTIES } from '../../domain/partnership/roles';
import type { Party, Role } from '../../domain/partnership/roles';
import type { FormResult } from '../people/types';
import { PartyBadge } from './item-parts';

export interface CandidateMember {
  userId: string;
  name: string;
  party: Party;
  role: Role;
}

export interface NewSessionInput {
  title: string;
  startsOn: string | null;
  endsOn: string | null;
  impasseProcedure: string;
  consensusThreshold: number;
  laborQuorum: number;
  managementQuorum: number;
  participants: { userId: string; role: SessionRole; isSigner: boolean }[];
}

interface Props {
  members: CandidateMember[];
  /** Members the page did not load (a very large partnership): found by searching on the People page. */
  hiddenCount: number;
  selfId: string;
  onCreate: (input: NewSessionInput) => Promise<FormResult<{ id: string }>>;
}

type Choice = { role: SessionRole; isSigner: boolean };

/** The session parts each party can take: facilitators are neutral; only the two teams speak for a side. */
export function rolesForParty(party: Party): SessionRole[] {
  if (isBargainingParty(party)) return ['team_member', 'chief_spokesperson', 'note_taker', 'ta_drafter', 'observer'];
  if (party === 'neutral') return ['facilitator', 'note_taker', 'ta_drafter', 'observer'];
  return ['note_taker', 'observer'];
}

/** Sets up a bargaining session: its terms, and who takes part in which role. */
export function NewSessionForm({ members, hiddenCount, selfId, onCreate }: Props) {
  const t = useTranslations('ibbNew');
  const te = useTranslations('errors');
  const tp = useTranslations('parties');
  const tr = useTranslations('roles');
  const tsr = useTranslations('ibbSession.roles');
  const self = members.find((m) => m.userId === selfId);
  const [chosen, setChosen] = useState<Map<string, Choice>>(() => new Map(self?.party === 'neutral' ? [[selfId, { role: 'facilitator', isSigner: false }]] : []));
  const [query, setQuery] = useState('');
  const [partyFilter, setPartyFilter] = useState<Party | ''>('');
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();

  const visible = useMemo(() => {
    const q = query.trim().toLowerCase();
    return members.filter((m) => (!partyFilter || m.party === partyFilter) && (!q || m.name.toLowerCase().includes(q) || tr(m.role).toLowerCase().includes(q)));
  }, [members, query, partyFilter, tr]);
  const selected = members.filter((m) => chosen.has(m.userId));
  const chiefs = (party: Party) => selected.filter((m) => m.party === party && chosen.get(m.userId)?.role === 'chief_spokesperson');
  const problem = chiefs('labor').length > 1 || chiefs('management').length > 1 ? t('oneChief') : selected.length === 0 ? t('nobody') : null;

  const choose = (userId: string, choice: Choice | null) =>
    setChosen((previous) => {
      const next = new Map(previous);
      if (choice) next.set(userId, choice);
      else next.delete(userId);
      return next;
    });

  const handleSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (problem) {
      setError(problem);
      return;
    }
    const form = new FormData(e.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const input: NewSessionInput = {
      title: text('title'),
      startsOn: text('startsOn') || null,
      endsOn: text('endsOn') || null,
      impasseProcedure: text('impasseProcedure'),
      consensusThreshold: Number(text('consensusThreshold')),
      laborQuorum: Number(text('laborQuorum')),
      managementQuorum: Number(text('managementQuorum')),
      participants: selected.flatMap((m) => {
        const c = chosen.get(m.userId);
        return c ? [{ userId: m.userId, role: c.role, isSigner: c.isSigner && isBargainingParty(m.party) }] : [];
      }),
    };
    setError(null);
    startTransition(async () => {
      // On success the action redirects to the new session.
      const r = await onCreate(input);
      if (!r.ok) setError(r.error.code === 'bad_request' ? t('invalid', { detail: r.error.message }) : te.has(r.error.code) ? te(r.error.code) : te('generic'));
    });
  };

  return (
    <form className="space-y-6" onSubmit={handleSubmit} aria-describedby="new-session-error">
      <fieldset className="card grid gap-4 md:grid-cols-2">
        <legend className="px-1 text-xl font-bold">{t('terms')}</legend>
        <label className="md:col-span-2">
          <span className="field-label">{t('title')}</span>
          <input name="title" type="text" required maxLength={200} className="field-input" autoComplete="off" />
        </label>
        <label>
          <span className="field-label">{t('startsOn')}</span>
          <input name="startsOn" type="date" className="field-input" />
        </label>
        <label>
          <span className="field-label">{t('endsOn')}</span>
          <input name="endsOn" type="date" className="field-input" />
        </label>
        <label className="md:col-span-2">
          <span className="field-label">{t('impasse')}</span>
          <textarea name="impasseProcedure" rows={3} maxLength={4000} className="field-input" placeholder={t('impassePlaceholder')} />
        </label>
        <label>
          <span className="field-label">{t('threshold')}</span>
          <select name="consensusThreshold" defaultValue="3" className="field-input">
            {[1, 2, 3, 4, 5].map((n) => (
              <option key={n} value={n}>
                {t('thresholdOption', { n })}
              </option>
            ))}
          </select>
        </label>
        <div className="grid grid-cols-2 items-end gap-3">
          <label>
            <span className="field-label">{t('quorum', { party: tp('labor') })}</span>
            <input name="laborQuorum" type="number" min={1} max={50} defaultValue={1} required className="field-input" />
          </label>
          <label>
            <span className="field-label">{t('quorum', { party: tp('management') })}</span>
            <input name="managementQuorum" type="number" min={1} max={50} defaultValue={1} required className="field-input" />
          </label>
        </div>
      </fieldset>

      <fieldset className="card space-y-4">
        <legend className="px-1 text-xl font-bold">{t('participants')}</legend>
        <p className="text-zinc-700">{t('participantsIntro')}</p>
        <div aria-live="polite">
          <h3 className="font-bold">{t('selected', { count: selected.length })}</h3>
          {selected.length > 0 && (
            <ul className="mt-1 flex flex-wrap gap-2">
              {selected.map((m) => {
                const c = chosen.get(m.userId);
                return (
                  <li key={m.userId} className="flex items-center gap-2 rounded-full border border-zinc-400 py-1 pl-3 pr-1">
                    <span>
                      {m.name} · {c ? tsr(c.role) : ''}
                      {c?.isSigner ? ` · ${t('signer')}` : ''}
                    </span>
                    <button type="button" className="rounded-full px-2 py-1 underline" aria-label={t('remove', { name: m.name })} onClick={() => choose(m.userId, null)}>
                      ✕
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
        </div>
        <div role="search" className="flex flex-wrap items-end gap-3">
          <label className="min-w-[14rem] flex-1">
            <span className="field-label">{t('search')}</span>
            <input type="search" value={query} onChange={(e) => setQuery(e.currentTarget.value)} className="field-input" placeholder={t('searchPlaceholder')} />
          </label>
          <label>
            <span className="field-label">{t('filterParty')}</span>
            <select className="field-input" value={partyFilter} onChange={(e) => setPartyFilter(PARTIES.find((p) => p === e.currentTarget.value) ?? '')}>
              <option value="">{t('allParties')}</option>
              {PARTIES.map((p) => (
                <option key={p} value={p}>
                  {tp(p)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <p className="font-semibold" aria-live="polite">
          {t('shown', { count: visible.length })}
        </p>
        {hiddenCount > 0 && <p className="text-zinc-700">{t('hidden', { count: hiddenCount })}</p>}
        <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-300">
          {visible.map((m) => (
            <MemberRow key={m.userId} member={m} choice={chosen.get(m.userId) ?? null} onChoose={(c) => choose(m.userId, c)} />
          ))}
        </ul>
      </fieldset>

      <p id="new-session-error" role="alert" className={error ? 'alert-error' : 'sr-only'}>
        {error}
      </p>
      <button type="submit" className="btn-primary" disabled={isPending}>
        {isPending ? t('creating') : t('create')}
      </button>
    </form>
  );
}

function MemberRow({ member, choice, onChoose }: { member: CandidateMember; choice: Choice | null; onChoose: (choice: Choice | null) => void }) {
  const t = useTranslations('ibbNew');
  const tp = useTranslations('parties');
  const tr = useTranslations('roles');
  const tsr = useTranslations('ibbSession.roles');
  const roles = rolesForParty(member.party);
  const canSign = isBargainingParty(member.party);
  return (
    <li className="flex flex-wrap items-end gap-3 p-3" data-member={member.userId}>
      <div className="min-w-[12rem] flex-1">
        <p className="font-semibold">{member.name}</p>
        <p className="flex flex-wrap items-center gap-2 text-sm">
          <PartyBadge party={member.party} label={tp(member.party)} />
          {tr(member.role)}
        </p>
      </div>
      <label>
        <span className="field-label">{t('roleFor', { name: member.name })}</span>
        <select
          className="field-input"
          value={choice?.role ?? ''}
          onChange={(e) => {
            const role = roles.find((r) => r === e.currentTarget.value);
            onChoose(role ? { role, isSigner: choice?.isSigner ?? false } : null);
          }}
        >
          <option value="">{t('notTakingPart')}</option>
          {roles.map((r) => (
            <option key={r} value={r}>
              {tsr(r)}
            </option>
          ))}
        </select>
      </label>
      {canSign && (
        <label className="flex min-h-[44px] items-center gap-2">
          <input type="checkbox" className="h-5 w-5" disabled={!choice} checked={choice?.isSigner ?? false} onChange={(e) => choice && onChoose({ ...choice, isSigner: e.currentTarget.checked })} />
          {t('signer')}
          <span className="sr-only">({member.name})</span>
        </label>
      )}
    </li>
  );
}
