'use client';

import { useTranslations } from 'next-intl';
import type { DragEvent, ReactNode } from 'react';
import { MAX_TITLE } from '../../domain/board/team-board';
import type { ColumnView } from '../../domain/board/team-board';
import { CollabTextField } from './collab-text-field';
import type { PresencePerson } from './presence-list';
import { NOTE_DRAG_TYPE } from './sticky-note';

interface Props {
  column: ColumnView;
  noteCount: number;
  canEdit: boolean;
  /** This viewer is dragging a note over the column. */
  isDropTarget: boolean;
  /** Others dragging a note over the column. */
  incoming: PresencePerson[];
  onRename: (title: string) => void;
  onAddNote: () => void;
  /** Absent when the column cannot be removed (the board's only column, or read-only). */
  onRemove?: () => void;
  /** Moves the column one place; absent at that edge. */
  onMoveLeft?: () => void;
  onMoveRight?: () => void;
  onDragOver: () => void;
  onDrop: (e: DragEvent) => void;
  children: ReactNode;
}

export function BoardColumn({ column, noteCount, canEdit, isDropTarget, incoming, onRename, onAddNote, onRemove, onMoveLeft, onMoveRight, onDragOver, onDrop, children }: Props) {
  const t = useTranslations('board.column');
  const headingId = `column-${column.id}`;
  const title = column.title || t('untitled');
  const isHighlighted = isDropTarget || incoming.length > 0;
  return (
    <section
      aria-labelledby={headingId}
      data-column-id={column.id}
      className={`flex min-w-0 flex-col gap-3 rounded-lg border-2 bg-zinc-100 p-3 ${isHighlighted ? 'border-dashed border-blue-700' : 'border-zinc-300'}`}
      onDragOver={(e) => {
        if (!canEdit || !e.dataTransfer.types.includes(NOTE_DRAG_TYPE)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'move';
        onDragOver();
      }}
      onDrop={canEdit ? onDrop : undefined}
    >
      <h2 id={headingId} className={canEdit ? 'sr-only' : 'text-xl font-bold'}>
        {title}
      </h2>
      {canEdit && (
        <CollabTextField
          value={column.title}
          onChange={onRename}
          label={t('title')}
          isWrapping
          maxLength={MAX_TITLE}
          className="column-title block min-h-[44px] w-full rounded-md border border-transparent bg-transparent px-2 py-1 text-xl font-bold text-zinc-900 hover:border-zinc-400 focus:border-zinc-500 focus:bg-white"
        />
      )}
      <div className="flex items-center justify-between gap-2 px-2">
        <p className="text-sm text-zinc-700">{t('count', { count: noteCount })}</p>
        {canEdit && (onMoveLeft || onMoveRight) && (
          <div className="flex gap-1">
            {onMoveLeft && (
              <button type="button" data-control="column-left" className="btn-secondary min-h-[36px] px-2 py-1 text-sm" aria-label={t('moveLeft', { column: title })} title={t('moveLeft', { column: title })} onClick={onMoveLeft}>
                <span aria-hidden="true">←</span>
              </button>
            )}
            {onMoveRight && (
              <button type="button" data-control="column-right" className="btn-secondary min-h-[36px] px-2 py-1 text-sm" aria-label={t('moveRight', { column: title })} title={t('moveRight', { column: title })} onClick={onMoveRight}>
                <span aria-hidden="true">→</span>
              </button>
            )}
          </div>
        )}
      </div>
      {incoming.map((p) => (
        <p key={p.id} className={`rounded px-2 py-1 text-sm font-semibold party-${p.party ?? 'neutral'}`}>
          {t('incoming', { name: p.name })}
        </p>
      ))}
      {children}
      {canEdit && (
        <button type="button" className="btn-secondary" onClick={onAddNote} aria-label={t('addNoteTo', { column: title })}>
          {t('addNote')}
        </button>
      )}
      {canEdit && onRemove && (
        <button type="button" className="btn-danger self-end px-3 text-sm" onClick={onRemove} aria-label={t('removeNamed', { column: title })}>
          {t('remove')}
        </button>
      )}
    </section>
  );
}
