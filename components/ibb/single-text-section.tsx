'use client';

import { useTranslations } from 'next-intl';
import { useRef, useState } from 'react';
import type { RefObject } from 'react';
import { MAX_ITEM_TEXT, addCritique, setSingleText } from '../../domain/ibb/ibb-board';
import type { CritiqueView, IssueView } from '../../domain/ibb/ibb-board';
import { newId } from '../board/new-id';
import { BoardSection, PartyBadge, SpotlightToggle, useSpotlightFrame } from './item-parts';
import { useSession } from './session-context';

/**
 * The single-text procedure: the facilitator (or TA drafter) writes a straw proposal per
 * issue; each party attaches critiques to passages of it; a new version replaces it.
 */
export function SingleTextSection({ isCurrent }: { isCurrent: boolean }) {
  const t = useTranslations('ibbSession.singleText');
  const { board } = useSession();
  return (
    <BoardSection id="phase-single_text" title={t('title')} intro={t('intro')} isCurrent={isCurrent}>
      {board.issues.length === 0 ? <p className="italic text-zinc-700">{t('needIssue')}</p> : board.issues.map((issue, index) => <IssueSingleText key={issue.id} issue={issue} position={index + 1} />)}
    </BoardSection>
  );
}

function IssueSingleText({ issue, position }: { issue: IssueView; position: number }) {
  const t = useTranslations('ibbSession.singleText');
  const { board, doc, can, state } = useSession();
  const current = board.singleTexts.find((s) => s.issueId === issue.id) ?? null;
  const critiques = board.critiques.filter((c) => c.issueId === issue.id);
  const currentCritiques = current ? critiques.filter((c) => c.version === current.version) : [];
  const earlier = current ? critiques.filter((c) => c.version !== current.version) : critiques;
  const { isSpotlit, ...frame } = useSpotlightFrame('singleText', issue.id);
  const proposalRef = useRef<HTMLDivElement>(null);
  const headingId = `single-text-${issue.id}`;
  const label = t('proposalLabel', { position });
  return (
    <section aria-labelledby={headingId} className="mt-4 first:mt-0">
      <h3 id={headingId} className="text-xl font-bold">
        {t('forIssue', { position, issue: issue.title })}
      </h3>
      {current ? (
        <div {...frame} className={`mt-2 rounded-md border-2 border-zinc-700 p-3 ${frame.className}`} aria-current={isSpotlit ? 'true' : undefined}>
          <p className="flex flex-wrap items-center gap-2 text-sm font-semibold">
            {t('version', { version: current.version })}
            <SpotlightToggle kind="singleText" id={issue.id} itemLabel={label} />
          </p>
          <div ref={proposalRef} className="mt-1 whitespace-pre-wrap break-words text-lg">
            {current.text}
          </div>
        </div>
      ) : (
        <p className="italic text-zinc-700">{t('none')}</p>
      )}
      {can.canDraftSingleText && (
        <DraftForm
          // A new version from anyone resets the draft to that text.
          key={current?.version ?? 0}
          initial={current?.text ?? ''}
          nextVersion={(current?.version ?? 0) + 1}
          position={position}
          onPublish={(text) => setSingleText(doc, issue.id, text)}
        />
      )}
      {current && (
        <div className="mt-3">
          <h4 className="text-lg font-bold">{t('critiques', { count: currentCritiques.length })}</h4>
          <CritiqueList critiques={currentCritiques} />
          {can.canCritique && <CritiqueForm position={position} proposal={proposalRef} onAdd={(quote, text) => addCritique(doc, { id: newId(), issueId: issue.id, version: current.version, quote, party: state.me.party, text })} />}
        </div>
      )}
      {earlier.length > 0 && (
        <details className="mt-2">
          <summary className="cursor-pointer font-semibold">{t('earlierCritiques', { count: earlier.length })}</summary>
          <CritiqueList critiques={earlier} showVersion />
        </details>
      )}
    </section>
  );
}

function DraftForm({ initial, nextVersion, position, onPublish }: { initial: string; nextVersion: number; position: number; onPublish: (text: string) => void }) {
  const t = useTranslations('ibbSession.singleText');
  const [text, setText] = useState(initial);
  return (
    <form
      className="mt-2 space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        if (text.trim()) onPublish(text);
      }}
    >
      <label className="block">
        <span className="field-label">{t('draftLabel', { position })}</span>
        <textarea className="field-input" rows={6} maxLength={MAX_ITEM_TEXT} value={text} onChange={(e) => setText(e.currentTarget.value)} />
      </label>
      <button type="submit" className="btn-primary" disabled={!text.trim() || text === initial}>
        {t('publish', { version: nextVersion })}
      </button>
    </form>
  );
}

function CritiqueList({ critiques, showVersion = false }: { critiques: CritiqueView[]; showVersion?: boolean }) {
  const t = useTranslations('ibbSession.singleText');
  const tp = useTranslations('parties');
  if (critiques.length === 0) return <p className="italic text-zinc-700">{t('noCritiques')}</p>;
  return (
    <ul className="mt-2 space-y-2">
      {critiques.map((c) => (
        <li key={c.id} className="rounded-md border border-zinc-300 p-2">
          <div className="flex flex-wrap items-center gap-2">
            {(c.party === 'labor' || c.party === 'management') && <PartyBadge party={c.party} label={tp(c.party)} />}
            {showVersion && <span className="text-sm">{t('version', { version: c.version })}</span>}
          </div>
          {c.quote && <blockquote className="mt-1 border-l-4 border-zinc-500 pl-2 italic">{c.quote}</blockquote>}
          <p className="mt-1 whitespace-pre-wrap break-words">{c.text}</p>
        </li>
      ))}
    </ul>
  );
}

function CritiqueForm({ position, proposal, onAdd }: { position: number; proposal: RefObject<HTMLDivElement | null>; onAdd: (quote: string, text: string) => void }) {
  const t = useTranslations('ibbSession.singleText');
  const [quote, setQuote] = useState('');
  const [text, setText] = useState('');
  const handleUseSelection = () => {
    const selection = window.getSelection();
    const root = proposal.current;
    if (!selection || !root || selection.isCollapsed) return;
    if (root.contains(selection.anchorNode) && root.contains(selection.focusNode)) setQuote(selection.toString().slice(0, 1000));
  };
  return (
    <form
      className="mt-2 grid gap-2 rounded-md bg-zinc-50 p-2"
      onSubmit={(e) => {
        e.preventDefault();
        if (!text.trim()) return;
        onAdd(quote.trim(), text.trim());
        setQuote('');
        setText('');
      }}
    >
      <div className="flex flex-wrap items-end gap-2">
        <label className="min-w-[12rem] flex-1">
          <span className="field-label">{t('quoteLabel', { position })}</span>
          <input type="text" className="field-input" maxLength={1000} value={quote} onChange={(e) => setQuote(e.currentTarget.value)} autoComplete="off" />
        </label>
        {/* onMouseDown keeps the selection in the proposal from being cleared by the click. */}
        <button type="button" className="btn-secondary" onMouseDown={(e) => e.preventDefault()} onClick={handleUseSelection}>
          {t('useSelection')}
        </button>
      </div>
      <label>
        <span className="field-label">{t('critiqueLabel')}</span>
        <textarea className="field-input" rows={2} maxLength={MAX_ITEM_TEXT} value={text} onChange={(e) => setText(e.currentTarget.value)} required />
      </label>
      <button type="submit" className="btn-primary justify-self-start">
        {t('critiqueSubmit')}
      </button>
    </form>
  );
}
