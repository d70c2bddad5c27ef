'use client';

import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import type { IbbBoardView } from '../../../domain/ibb/ibb-board';
import { SubjectSelect, issueIdOf } from './record-parts';

export interface ProposeTaInput {
  subject: string;
  title: string;
  text: string;
  isContingent: boolean;
  supersedesId: string | null;
}

/** What the board offers as the starting text for an issue's agreement: its single text. */
function draftFor(board: IbbBoardView, subject: string): { title: string; text: string } {
  const issueId = issueIdOf(subject);
  return {
    title: board.issues.find((i) => i.id === issueId)?.title.trim() ?? '',
    text: board.singleTexts.find((s) => s.issueId === issueId)?.text ?? '',
  };
}

/**
 * The facilitator or TA drafter puts agreement text to both parties — new, or as a
 * replacement for an earlier TA (which then stays in the record as superseded).
 */
export function ProposeTaForm({
  board,
  initial,
  isPending,
  onSubmit,
  onCancel,
}: {
  board: IbbBoardView;
  initial?: ProposeTaInput;
  isPending: boolean;
  onSubmit: (input: ProposeTaInput) => void;
  onCancel?: () => void;
}) {
  const t = useTranslations('ibbRecords.agreements');
  const id = useId();
  const supersedesId = initial?.supersedesId ?? null;
  const [subject, setSubject] = useState(initial?.subject ?? '');
  const [title, setTitle] = useState(initial?.title ?? '');
  const [text, setText] = useState(initial?.text ?? '');
  const [isContingent, setIsContingent] = useState(initial?.isContingent ?? false);
  const [isEdited, setIsEdited] = useState({ title: Boolean(initial), text: Boolean(initial) });
  const singleText = draftFor(board, subject).text;

  const chooseSubject = (next: string) => {
    setSubject(next);
    const draft = draftFor(board, next);
    if (!isEdited.title) setTitle(draft.title);
    if (!isEdited.text) setText(draft.text);
  };

  return (
    <form
      className="grid gap-3 rounded-md border border-zinc-300 bg-zinc-50 p-3"
      onSubmit={(e) => {
        e.preventDefault();
        if (!subject || !title.trim() || !text.trim()) return;
        onSubmit({ subject, title: title.trim(), text, isContingent, supersedesId });
      }}
    >
      <h4 className="text-lg font-semibold">{supersedesId ? t('supersedeTitle') : t('proposeTitle')}</h4>
      {supersedesId ? <p className="text-sm text-zinc-700">{t('supersedeHint')}</p> : null}
      <div>
        <label className="field-label" htmlFor={`${id}-subject`}>
          {t('issue')}
        </label>
        <SubjectSelect id={`${id}-subject`} board={board} value={subject} onChange={chooseSubject} />
      </div>
      <div>
        <label className="field-label" htmlFor={`${id}-title`}>
          {t('taTitle')}
        </label>
        <input
          id={`${id}-title`}
          className="field-input"
          maxLength={300}
          required
          value={title}
          onChange={(e) => {
            setTitle(e.target.value);
            setIsEdited((x) => ({ ...x, title: true }));
          }}
        />
      </div>
      <div>
        <label className="field-label" htmlFor={`${id}-text`}>
          {t('text')}
        </label>
        <textarea
          id={`${id}-text`}
          className="field-input font-mono text-sm"
          rows={8}
          maxLength={100_000}
          required
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setIsEdited((x) => ({ ...x, text: true }));
          }}
        />
        {subject && singleText && text !== singleText ? (
          <button
            type="button"
            className="btn-secondary mt-2"
            onClick={() => {
              setText(singleText);
              setIsEdited((x) => ({ ...x, text: false }));
            }}
          >
            {t('useSingleText')}
          </button>
        ) : null}
        {subject && !singleText ? <p className="mt-1 text-sm text-zinc-700">{t('noSingleText')}</p> : null}
      </div>
      <label className="flex min-h-[44px] items-center gap-2">
        <input type="checkbox" className="h-5 w-5" checked={isContingent} onChange={(e) => setIsContingent(e.target.checked)} />
        {t('contingent')}
      </label>
      <div className="flex flex-wrap gap-2">
        <button type="submit" className="btn-primary" disabled={isPending || !subject || !title.trim() || !text.trim()}>
          {supersedesId ? t('supersedeSubmit') : t('proposeSubmit')}
        </button>
        {onCancel ? (
          <button type="button" className="btn-secondary" onClick={onCancel}>
            {t('cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
