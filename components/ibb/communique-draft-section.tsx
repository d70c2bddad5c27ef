'use client';

import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { MAX_ITEM_TEXT, setCommunique } from '../../domain/ibb/ibb-board';
import { CollabTextField } from '../board/collab-text-field';
import { BoardSection } from './item-parts';
import { useSession } from './session-context';

/**
 * The joint communiqué drafted together on the board. Publishing is a record: both
 * parties approve an exact text (the records panel passed in as children).
 */
export function CommuniqueDraftSection({ children }: { children?: ReactNode }) {
  const t = useTranslations('ibbSession.communique');
  const { board, doc, can } = useSession();
  return (
    <BoardSection id="communique" title={t('title')} intro={t('intro')} isCurrent={false}>
      {can.canEditBoard ? (
        <CollabTextField
          value={board.communique}
          onChange={(next) => setCommunique(doc, next)}
          label={t('draftLabel')}
          isMultiline
          maxLength={MAX_ITEM_TEXT * 4}
          className="block min-h-[8rem] w-full rounded-md border border-zinc-500 bg-white p-2 text-lg"
        />
      ) : (
        <div className="whitespace-pre-wrap break-words rounded-md border border-zinc-300 p-2 text-lg">{board.communique || <span className="italic text-zinc-700">{t('empty')}</span>}</div>
      )}
      {children}
    </BoardSection>
  );
}
