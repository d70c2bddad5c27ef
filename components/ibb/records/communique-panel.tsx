'use client';

import { useTranslations } from 'next-intl';
import { BARGAINING_PARTIES, canonicalTaText, isBargainingParty } from '../../../domain/ibb/session-rules';
import type { CommuniqueView } from '../../../domain/ibb/views';
import { ActionMessageLine } from './action-message';
import { ConfirmSignature } from './confirm-signature';
import { Badge, PartyBadge, useRecordTime } from './record-parts';
import { hashDisplayedText, shortHash } from './text-hash';
import type { RecordPanelProps, RecordResult } from './types';
import { useBoardView } from './use-board-view';
import { useRecordAction } from './use-record-action';

export interface CommuniquePanelProps extends RecordPanelProps {
  onPropose: (input: { text: string }) => Promise<RecordResult<{ id: string; textHash: string }>>;
  onApprove: (communiqueId: string, input: { textHash: string }) => Promise<RecordResult<{ isPublished: boolean }>>;
}

function CommuniqueCard({ c, isLatest, props }: { c: CommuniqueView; isLatest: boolean; props: CommuniquePanelProps }) {
  const t = useTranslations('ibbRecords.communique');
  const time = useRecordTime();
  const { run, isPending, message } = useRecordAction(props.onChanged);
  const { me } = props.state;
  const myParty = isBargainingParty(me.party) ? me.party : null;
  const isSpokesperson = myParty !== null && (me.role === 'chief_spokesperson' || me.isSigner);
  // Only the newest proposal is put to the parties; older ones stay in the record as they were.
  const canApprove = isSpokesperson && isLatest && c.publishedAt === null && myParty !== null && !c.approvedBy.includes(myParty);

  return (
    <article className="card grid gap-3" aria-label={t('proposedAt', { at: time(c.proposedAt) })}>
      <header className="flex flex-wrap items-center gap-2">
        {c.publishedAt ? <Badge tone="green">{t('published', { at: time(c.publishedAt) })}</Badge> : isLatest ? <Badge tone="amber">{t('awaiting')}</Badge> : <Badge tone="zinc">{t('replaced')}</Badge>}
        <span className="text-sm text-zinc-700">{t('proposedAt', { at: time(c.proposedAt) })}</span>
      </header>
      <pre className="whitespace-pre-wrap break-words rounded-md border-l-4 border-zinc-500 bg-zinc-50 p-3 font-sans text-base">{c.text}</pre>
      <p className="text-sm">
        <span className="font-semibold">{t('hash')}</span> <code className="break-all font-mono">{c.textHash}</code>
      </p>
      <ul className="grid gap-1">
        {BARGAINING_PARTIES.map((party) => (
          <li key={party} className="flex items-center gap-2">
            <PartyBadge party={party} />
            {c.approvedBy.includes(party) ? <span className="font-semibold text-green-800">✓ {t('approved')}</span> : <span className="text-zinc-700">{t('notApproved')}</span>}
          </li>
        ))}
      </ul>
      {canApprove && myParty ? (
        <ConfirmSignature
          startLabel={t('approve', { party: t(`party.${myParty}`) })}
          question={t('confirmApprove', { party: t(`party.${myParty}`), hash: shortHash(c.textHash) })}
          confirmLabel={t('confirmApproveButton')}
          cancelLabel={t('cancel')}
          isPending={isPending}
          onConfirm={(close) =>
            run(async () => props.onApprove(c.id, { textHash: await hashDisplayedText(c.text) }), {
              okText: t('approvedOk'),
              errors: { conflict: 'textChanged' },
              onOk: close,
            })
          }
        />
      ) : null}
      <ActionMessageLine message={message} />
    </article>
  );
}

/**
 * The joint communiqué — the only statement that leaves the room. The facilitator puts the
 * board's draft to both parties; each party's spokesperson approves that exact text; with
 * both approvals it is published to members.
 */
export function CommuniquePanel(props: CommuniquePanelProps) {
  const t = useTranslations('ibbRecords.communique');
  const board = useBoardView(props.doc);
  const { run, isPending, message } = useRecordAction(props.onChanged);
  const draft = board.communique;
  const communiques = props.state.communiques;
  const latest = communiques[0];
  const isDraftProposed = latest !== undefined && canonicalTaText(latest.text.trim()) === canonicalTaText(draft.trim());

  return (
    <section className="grid gap-4" aria-labelledby="ibb-communique-heading">
      <h3 id="ibb-communique-heading" className="text-xl font-semibold">
        {t('title')}
      </h3>
      <p className="text-zinc-700">{t('intro')}</p>
      {props.state.me.role === 'facilitator' ? (
        <div className="grid gap-2 rounded-md border border-zinc-300 bg-zinc-50 p-3">
          <h4 className="font-semibold">{t('draft')}</h4>
          {draft.trim() ? <pre className="whitespace-pre-wrap break-words font-sans">{draft}</pre> : <p className="text-zinc-700">{t('noDraft')}</p>}
          {isDraftProposed ? <p className="text-sm text-zinc-700">{t('draftProposed')}</p> : null}
          <div>
            <button type="button" className="btn-primary" disabled={isPending || !draft.trim() || isDraftProposed} onClick={() => run(() => props.onPropose({ text: draft }), { okText: t('proposedOk') })}>
              {t('propose')}
            </button>
          </div>
          <ActionMessageLine message={message} />
        </div>
      ) : null}
      {communiques.length === 0 ? <p className="text-zinc-700">{t('none')}</p> : null}
      {communiques.map((c, i) => (
        <CommuniqueCard key={c.id} c={c} isLatest={i === 0} props={props} />
      ))}
    </section>
  );
}
