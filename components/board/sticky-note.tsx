'use client';

import { ThumbsUp } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import type { DragEvent } from 'react';
import { MAX_NOTE_TEXT, NOTE_COLORS, agreementCount } from '../../domain/board/team-board';
import type { NoteColor, NoteView } from '../../domain/board/team-board';
import { CollabTextField } from './collab-text-field';
import { PartyAvatar } from './presence-list';
import type { PresencePerson } from './presence-list';

export const NOTE_DRAG_TYPE = 'application/x-accord-note';

/** A note's colour on every screen that shows notes (the board, the projector). */
export const COLOR_CLASSES: Record<NoteColor, string> = {
  yellow: 'bg-yellow-100 border-yellow-500',
  blue: 'bg-sky-100 border-sky-500',
  green: 'bg-green-100 border-green-600',
  pink: 'bg-pink-100 border-pink-500',
  orange: 'bg-orange-100 border-orange-500',
};

export interface NoteActions {
  onText: (text: string) => void;
  onColor: (color: NoteColor) => void;
  onDelete: () => void;
  onMove: (direction: -1 | 1) => void;
  onToggleReaction: () => void;
  onAddComment: (text: string) => void;
  onFocusText: () => void;
  onBlurText: () => void;
  onDragStart: (e: DragEvent) => void;
  onDragEnd: () => void;
  onDropBefore: (e: DragEvent) => void;
}

interface Props {
  note: NoteView;
  position: number;
  columnTitle: string;
  leftColumnTitle: string | null;
  rightColumnTitle: string | null;
  canEdit: boolean;
  hasReacted: boolean;
  /** Others with this note's text focused. */
  editors: PresencePerson[];
  /** Others dragging this note right now. */
  movers: PresencePerson[];
  actions: NoteActions;
}

export function StickyNote({ note, position, columnTitle, leftColumnTitle, rightColumnTitle, canEdit, hasReacted, editors, movers, actions }: Props) {
  const t = useTranslations('board.note');
  const tc = useTranslations('board.colors');
  const [isCommentsOpen, setIsCommentsOpen] = useState(false);
  const [comment, setComment] = useState('');
  const commentsId = useId();
  const label = t('label', { position, column: columnTitle });
  const agreeCount = agreementCount(note);
  const isBusy = editors.length > 0 || movers.length > 0;

  return (
    <article
      aria-label={label}
      data-note-id={note.id}
      className={`rounded-lg border-2 p-3 shadow-sm ${COLOR_CLASSES[note.color]} ${isBusy ? 'ring-4 ring-blue-300' : ''}`}
      onDragOver={(e) => {
        if (canEdit && e.dataTransfer.types.includes(NOTE_DRAG_TYPE)) e.preventDefault();
      }}
      onDrop={canEdit ? actions.onDropBefore : undefined}
    >
      {(editors.length > 0 || movers.length > 0) && (
        <ul className="mb-2 flex flex-wrap gap-1" data-testid="note-presence">
          {editors.map((p) => (
            <li key={`e-${p.id}`} className={`flex items-center gap-1 rounded-full py-0.5 pl-0.5 pr-2 text-sm font-semibold party-${p.party ?? 'neutral'}`}>
              <PartyAvatar person={p} />
              {t('editing', { name: p.name })}
            </li>
          ))}
          {movers.map((p) => (
            <li key={`m-${p.id}`} className={`flex items-center gap-1 rounded-full py-0.5 pl-0.5 pr-2 text-sm font-semibold party-${p.party ?? 'neutral'}`}>
              <PartyAvatar person={p} />
              {t('moving', { name: p.name })}
            </li>
          ))}
        </ul>
      )}
      <div className="flex items-start gap-2">
        {canEdit && (
          <span
            draggable
            onDragStart={actions.onDragStart}
            onDragEnd={actions.onDragEnd}
            title={t('drag')}
            aria-hidden="true"
            className="mt-1 cursor-grab select-none px-1 text-xl leading-none text-zinc-700"
          >
            ⠿
          </span>
        )}
        {canEdit ? (
          <CollabTextField
            isMultiline
            value={note.text}
            onChange={actions.onText}
            label={label}
            maxLength={MAX_NOTE_TEXT}
            placeholder={t('placeholder')}
            onFocus={actions.onFocusText}
            onBlur={actions.onBlurText}
            className="note-text block min-h-[5rem] w-full rounded border border-zinc-400 bg-white/70 p-2 text-lg text-zinc-900"
          />
        ) : (
          <p className="note-text min-h-[3rem] w-full whitespace-pre-wrap break-words text-lg">{note.text}</p>
        )}
      </div>

      <div className="mt-2 flex flex-wrap items-center gap-2">
        {canEdit ? (
          <button
            type="button"
            aria-pressed={hasReacted}
            aria-label={t('agree', { count: agreeCount })}
            onClick={actions.onToggleReaction}
            className={`btn min-h-[44px] border px-3 ${hasReacted ? 'border-blue-800 bg-blue-100 text-blue-900' : 'border-zinc-500 bg-white text-zinc-900'}`}
          >
            <span aria-hidden="true" className="inline-flex items-center gap-1.5">
              <ThumbsUp className="h-5 w-5" strokeWidth={2.25} />
              <span className="tabular-nums">{agreeCount}</span>
            </span>
          </button>
        ) : (
          <span className="inline-flex items-center gap-1.5 px-1">
            <ThumbsUp aria-hidden="true" className="h-5 w-5" strokeWidth={2.25} /> <span className="sr-only">{t('agree', { count: agreeCount })}</span>
            <span aria-hidden="true" className="tabular-nums">{agreeCount}</span>
          </span>
        )}
        <button
          type="button"
          className="btn min-h-[44px] border border-zinc-500 bg-white px-3 text-zinc-900"
          aria-expanded={isCommentsOpen}
          aria-controls={commentsId}
          onClick={() => setIsCommentsOpen((v) => !v)}
        >
          {t('comments', { count: note.comments.length })}
        </button>
        {canEdit && (
          <>
            <label className="sr-only" htmlFor={`${commentsId}-color`}>
              {t('color')}
            </label>
            <select
              id={`${commentsId}-color`}
              value={note.color}
              onChange={(e) => {
                const next = NOTE_COLORS.find((c) => c === e.target.value);
                if (next) actions.onColor(next);
              }}
              className="min-h-[44px] rounded-md border border-zinc-500 bg-white px-2 text-zinc-900"
            >
              {NOTE_COLORS.map((c) => (
                <option key={c} value={c}>
                  {tc(c)}
                </option>
              ))}
            </select>
          </>
        )}
      </div>

      {canEdit && (
        <div className="mt-2 flex flex-wrap gap-2">
          {leftColumnTitle !== null && (
            <button type="button" data-control="move-left" className="btn-secondary px-3" aria-label={t('moveLeft', { column: leftColumnTitle })} onClick={() => actions.onMove(-1)}>
              <span aria-hidden="true">←</span>
            </button>
          )}
          {rightColumnTitle !== null && (
            <button type="button" data-control="move-right" className="btn-secondary px-3" aria-label={t('moveRight', { column: rightColumnTitle })} onClick={() => actions.onMove(1)}>
              <span aria-hidden="true">→</span>
            </button>
          )}
          <button
            type="button"
            className="btn-danger ml-auto px-3"
            aria-label={t('delete', { position, column: columnTitle })}
            onClick={() => {
              if (window.confirm(t('deleteConfirm'))) actions.onDelete();
            }}
          >
            {t('deleteShort')}
          </button>
        </div>
      )}

      <div id={commentsId} hidden={!isCommentsOpen} className="mt-3 border-t border-zinc-400 pt-2">
        {note.comments.length > 0 && (
          <ul className="mb-2 space-y-1">
            {note.comments.map((c) => (
              <li key={c.id} className="whitespace-pre-wrap break-words rounded bg-white/70 p-2">
                {c.text}
              </li>
            ))}
          </ul>
        )}
        {canEdit && (
          <form
            className="flex gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              const text = comment.trim();
              if (!text) return;
              actions.onAddComment(text);
              setComment('');
            }}
          >
            <label className="sr-only" htmlFor={`${commentsId}-new`}>
              {t('commentLabel')}
            </label>
            <input
              id={`${commentsId}-new`}
              value={comment}
              maxLength={MAX_NOTE_TEXT}
              onChange={(e) => setComment(e.target.value)}
              className="field-input flex-1"
            />
            <button type="submit" className="btn-secondary">
              {t('commentSubmit')}
            </button>
          </form>
        )}
      </div>
    </article>
  );
}
