'use client';

import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import type { IbbBoardView } from '../../../domain/ibb/ibb-board';
import type { CheckKind } from '../../../domain/ibb/session-rules';
import { SubjectSelect } from './record-parts';

export interface OpenCheckInput {
  subject: string;
  question: string;
  kind: CheckKind;
}

/** The facilitator puts a question to both teams about an issue (or the ground rules). */
export function OpenCheckForm({ board, isPending, onSubmit }: { board: IbbBoardView; isPending: boolean; onSubmit: (input: OpenCheckInput) => void }) {
  const t = useTranslations('ibbRecords.consensus');
  const id = useId();
  const [subject, setSubject] = useState('');
  const [question, setQuestion] = useState('');
  const [kind, setKind] = useState<CheckKind>('fist_to_five');
  return (
    <form
      className="grid gap-3 rounded-md border border-zinc-300 bg-zinc-50 p-3"
      onSubmit={(e) => {
        e.preventDefault();
        if (!subject || !question.trim()) return;
        onSubmit({ subject, question: question.trim(), kind });
        setQuestion('');
      }}
    >
      <h3 className="text-lg font-semibold">{t('openTitle')}</h3>
      <div>
        <label className="field-label" htmlFor={`${id}-subject`}>
          {t('subject')}
        </label>
        <SubjectSelect id={`${id}-subject`} board={board} value={subject} onChange={setSubject} includeGroundRules />
      </div>
      <div>
        <label className="field-label" htmlFor={`${id}-question`}>
          {t('question')}
        </label>
        <textarea id={`${id}-question`} className="field-input" rows={2} maxLength={1000} required value={question} onChange={(e) => setQuestion(e.target.value)} placeholder={t('questionPlaceholder')} />
      </div>
      <fieldset>
        <legend className="field-label">{t('kind')}</legend>
        <div className="flex flex-wrap gap-4">
          {(['fist_to_five', 'thumbs'] as const).map((k) => (
            <label key={k} className="flex min-h-[44px] items-center gap-2">
              <input type="radio" name={`${id}-kind`} className="h-5 w-5" checked={kind === k} onChange={() => setKind(k)} />
              {t(`kinds.${k}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <div>
        <button type="submit" className="btn-primary" disabled={isPending || !subject || !question.trim()}>
          {t('open')}
        </button>
      </div>
    </form>
  );
}
