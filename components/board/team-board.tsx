'use client';

import { Redo2, Undo2 } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { DragEvent, ReactNode } from 'react';
import { neighbourColumn, orderAtEnd, orderBefore } from '../../domain/board/note-order';
import {
  AGREE_REACTION,
  MAX_TITLE,
  addColumn,
  addComment,
  addNote,
  deleteNote,
  hasReacted,
  moveColumn,
  moveNote,
  readBoard,
  removeColumn,
  renameColumn,
  setBoardTitle,
  setNoteColor,
  setNoteText,
  toggleReaction,
} from '../../domain/board/team-board';
import type { NoteView } from '../../domain/board/team-board';
import type { Party } from '../../domain/partnership/roles';
import type { DocAccess } from '../../domain/sync/protocol';
import { fileStem } from '../../domain/text/file-stem';
import { SyncProvider } from '../sync/sync-provider';
import { useDoc } from '../sync/use-doc';
import { BoardColumn } from './board-column';
import { DRAG_FIELD, FOCUS_FIELD, boardPeers, distinctPeople } from './board-presence';
import { CollabTextField } from './collab-text-field';
import { newId } from './new-id';
import { PresenceList } from './presence-list';
import type { PresencePerson } from './presence-list';
import { NOTE_DRAG_TYPE, StickyNote } from './sticky-note';
import type { NoteActions } from './sticky-note';
import { SyncStatusLine, discardAndReload } from './sync-status-line';
import { useBoardUndo } from './use-board-undo';

interface Props {
  docId: string;
  self: PresencePerson;
  /** What the page loader decided; the server decides again on join, and its answer wins. */
  initialAccess: DocAccess;
  /** Shown while the doc loads, and as the accessible page heading until it has a title. */
  initialTitle: string;
  /** The party the board is private to, if it is a caucus space. */
  privateToParty: Party | null;
  /** Where its saved content downloads as CSV (team boards). */
  exportHref?: string;
  /** Its large-type view for the room's shared screen (team boards). */
  projectorHref?: string;
}

/** A team board: sticky notes in columns, edited together in real time. */
export function TeamBoard(props: Props) {
  return (
    <SyncProvider userId={props.self.id}>
      <LiveBoard {...props} />
    </SyncProvider>
  );
}

/** Which control gets focus after a change re-renders a note somewhere else. */
type PendingFocus = { noteId: string; control: 'text' | 'move-left' | 'move-right' } | null;

function LiveBoard({ docId, self, initialAccess, initialTitle, privateToParty, exportHref, projectorHref }: Props) {
  const t = useTranslations('board');
  const tp = useTranslations('parties');
  const state = useDoc(docId);
  const [draggingId, setDraggingId] = useState<string | null>(null);
  const [dropColumn, setDropColumn] = useState<string | null>(null);
  const pendingFocus = useRef<PendingFocus>(null);
  /** A moved column's button keeps focus, so pressing it again keeps moving the column. */
  const pendingColumnFocus = useRef<{ columnId: string; control: 'column-left' | 'column-right' } | null>(null);

  // Re-read on every change: `version` counts them.
  const board = useMemo(() => (state ? readBoard(state.doc) : null), [state?.doc, state?.version]);
  const isBlocked = state?.status.error?.code === 'access_revoked' || state?.status.error?.code === 'not_found';
  const canEdit = !isBlocked && (state?.status.access ?? initialAccess) === 'edit';
  const history = useBoardUndo(state?.doc ?? null, canEdit);

  useEffect(() => {
    const column = pendingColumnFocus.current;
    if (!column) return;
    pendingColumnFocus.current = null;
    const box = document.querySelector(`[data-column-id="${CSS.escape(column.columnId)}"]`);
    (box?.querySelector<HTMLElement>(`[data-control="${column.control}"]`) ?? box?.querySelector<HTMLElement>('button'))?.focus();
  });

  useEffect(() => {
    const target = pendingFocus.current;
    if (!target) return;
    const note = document.querySelector(`[data-note-id="${CSS.escape(target.noteId)}"]`);
    if (!note) return;
    pendingFocus.current = null;
    const control = target.control === 'text' ? null : note.querySelector<HTMLElement>(`[data-control="${target.control}"]`);
    (control ?? note.querySelector<HTMLElement>('textarea'))?.focus();
  });

  if (!state || !board) return <BoardShell title={initialTitle} message={t('loading')} />;

  const { doc, awareness, status } = state;
  const deviceCopy = { fileStem: fileStem(board.title || initialTitle, 'board'), read: () => readBoard(doc) };
  const statusLine = <SyncStatusLine status={status} connectError={state.connectError} onDiscardLocalChanges={discardAndReload(state.handle)} deviceCopy={deviceCopy} />;
  const isLoaded = status.isSynced || board.columns.length > 0 || status.connection === 'offline';
  if (!isLoaded) return <BoardShell title={initialTitle} message={t('loading')} status={statusLine} />;

  const peers = boardPeers(state.peers);
  const people: PresencePerson[] = distinctPeople(state.peers, self.id).map((p) => p.user);
  const title = board.title || initialTitle;

  const setPresence = (field: string, value: unknown) => {
    if (awareness.getLocalState()?.[field] !== value) awareness.setLocalStateField(field, value);
  };

  const shiftColumn = (columnId: string, direction: -1 | 1) => {
    pendingColumnFocus.current = { columnId, control: direction < 0 ? 'column-left' : 'column-right' };
    history.step(() => moveColumn(doc, columnId, direction));
  };

  /** Asks first (the notes move; the column's title is gone), then focuses the column that took the notes. */
  const confirmRemoveColumn = (columnId: string, noteCount: number) => {
    const index = board.columns.findIndex((c) => c.id === columnId);
    const heir = board.columns[index - 1] ?? board.columns[index + 1];
    const column = board.columns[index];
    if (!column || !heir) return;
    const message = t('column.removeConfirm', { column: column.title || t('column.untitled'), count: noteCount, target: heir.title || t('column.untitled') });
    if (!window.confirm(message)) return;
    const heirId = history.step(() => removeColumn(doc, columnId));
    if (heirId) document.querySelector<HTMLElement>(`[data-column-id="${CSS.escape(heirId)}"] .column-title`)?.focus();
  };

  const handleDrop = (column: string, beforeId: string | null) => (e: DragEvent) => {
    e.preventDefault();
    e.stopPropagation();
    const noteId = e.dataTransfer.getData(NOTE_DRAG_TYPE) || draggingId;
    if (!noteId || !board.notes.some((n) => n.id === noteId)) return;
    const order = beforeId && beforeId !== noteId ? orderBefore(board.notes, column, beforeId, noteId) : orderAtEnd(board.notes, column, noteId);
    history.step(() => moveNote(doc, noteId, column, order));
    setDraggingId(null);
    setDropColumn(null);
    setPresence(DRAG_FIELD, null);
  };

  const actionsFor = (note: NoteView): NoteActions => ({
    onText: (text) => setNoteText(doc, note.id, text),
    onColor: (color) => history.step(() => setNoteColor(doc, note.id, color)),
    onDelete: () => history.step(() => deleteNote(doc, note.id)),
    onMove: (direction) => {
      const target = neighbourColumn(board.columns, note.column, direction);
      if (!target) return;
      const arrives = neighbourColumn(board.columns, target.id, direction);
      pendingFocus.current = { noteId: note.id, control: arrives ? (direction === 1 ? 'move-right' : 'move-left') : direction === 1 ? 'move-left' : 'move-right' };
      history.step(() => moveNote(doc, note.id, target.id, orderAtEnd(board.notes, target.id, note.id)));
    },
    onToggleReaction: () => history.step(() => toggleReaction(doc, note.id, AGREE_REACTION, self.id)),
    onAddComment: (text) => history.step(() => addComment(doc, note.id, { id: newId(), text })),
    onFocusText: () => setPresence(FOCUS_FIELD, note.id),
    onBlurText: () => setPresence(FOCUS_FIELD, null),
    onDragStart: (e) => {
      e.dataTransfer.setData(NOTE_DRAG_TYPE, note.id);
      e.dataTransfer.effectAllowed = 'move';
      const article = e.currentTarget.closest('article');
      if (article) e.dataTransfer.setDragImage(article, 16, 16);
      setDraggingId(note.id);
      setDropColumn(note.column);
      setPresence(DRAG_FIELD, { noteId: note.id, column: note.column });
    },
    onDragEnd: () => {
      setDraggingId(null);
      setDropColumn(null);
      setPresence(DRAG_FIELD, null);
    },
    onDropBefore: handleDrop(note.column, note.id),
  });

  return (
    <main id="main" data-wide className="mx-auto max-w-screen-2xl space-y-4 p-4">
      <header className="space-y-3">
        <h1 className={canEdit ? 'sr-only' : 'break-words text-3xl font-bold'}>{title}</h1>
        {canEdit && (
          <CollabTextField
            value={board.title}
            onChange={(next) => setBoardTitle(doc, next)}
            label={t('title')}
            isWrapping
            maxLength={MAX_TITLE}
            className="board-title block min-h-[44px] w-full rounded-md border border-transparent bg-transparent px-2 py-1 text-3xl font-bold text-zinc-900 hover:border-zinc-400 focus:border-zinc-500 focus:bg-white"
          />
        )}
        <div className="flex flex-wrap items-center justify-between gap-3">
          {statusLine}
          <div className="flex flex-wrap items-center gap-3">
            {canEdit && (
              <>
                <button type="button" className="btn-secondary" onClick={history.undo} disabled={!history.canUndo} aria-keyshortcuts="Control+Z Meta+Z" title={t('undoHint')}>
                  <Undo2 aria-hidden="true" className="h-5 w-5" />
                  {t('undo')}
                </button>
                <button type="button" className="btn-secondary" onClick={history.redo} disabled={!history.canRedo} aria-keyshortcuts="Control+Shift+Z Meta+Shift+Z Control+Y" title={t('redoHint')}>
                  <Redo2 aria-hidden="true" className="h-5 w-5" />
                  {t('redo')}
                </button>
              </>
            )}
            {privateToParty && <span className={`rounded px-2 py-1 text-sm font-semibold party-${privateToParty}`}>{t('private', { party: tp(privateToParty) })}</span>}
            {projectorHref && !isBlocked && (
              <Link className="btn-secondary" href={projectorHref}>
                {t('projector.open')}
              </Link>
            )}
            {exportHref && !isBlocked && (
              <a className="btn-secondary" href={exportHref} download title={t('exportHint')}>
                {t('export')}
              </a>
            )}
          </div>
        </div>
        <PresenceList self={self} others={people} />
      </header>

      <div className="grid grid-cols-1 gap-4 md:auto-cols-[minmax(18rem,1fr)] md:grid-flow-col md:grid-cols-none md:overflow-x-auto md:pb-2">
        {board.columns.map((column, columnIndex) => {
          const notes = board.notes.filter((n) => n.column === column.id);
          const incoming = peers.filter((p) => p.presence.drag?.column === column.id).map((p) => p.user);
          return (
            <BoardColumn
              key={column.id}
              column={column}
              noteCount={notes.length}
              canEdit={canEdit}
              isDropTarget={draggingId !== null && dropColumn === column.id}
              incoming={incoming}
              onRename={(next) => renameColumn(doc, column.id, next)}
              onRemove={board.columns.length > 1 ? () => confirmRemoveColumn(column.id, notes.length) : undefined}
              onMoveLeft={columnIndex > 0 ? () => shiftColumn(column.id, -1) : undefined}
              onMoveRight={columnIndex < board.columns.length - 1 ? () => shiftColumn(column.id, 1) : undefined}
              onAddNote={() => {
                const id = newId();
                pendingFocus.current = { noteId: id, control: 'text' };
                history.step(() => addNote(doc, { id, column: column.id, text: '' }));
              }}
              onDragOver={() => {
                if (!draggingId || dropColumn === column.id) return;
                setDropColumn(column.id);
                setPresence(DRAG_FIELD, { noteId: draggingId, column: column.id });
              }}
              onDrop={handleDrop(column.id, null)}
            >
              {notes.length === 0 ? (
                <p className="px-2 italic text-zinc-700">{t('column.empty')}</p>
              ) : (
                <ol className="flex flex-col gap-3">
                  {notes.map((note, index) => (
                    <li key={note.id}>
                      <StickyNote
                        note={note}
                        position={index + 1}
                        columnTitle={column.title || t('column.untitled')}
                        leftColumnTitle={titleOrNull(neighbourColumn(board.columns, column.id, -1)?.title, t('column.untitled'))}
                        rightColumnTitle={titleOrNull(neighbourColumn(board.columns, column.id, 1)?.title, t('column.untitled'))}
                        canEdit={canEdit}
                        hasReacted={hasReacted(doc, note.id, AGREE_REACTION, self.id)}
                        editors={uniqueUsers(peers.filter((p) => p.presence.focus === note.id))}
                        movers={uniqueUsers(peers.filter((p) => p.presence.drag?.noteId === note.id))}
                        actions={actionsFor(note)}
                      />
                    </li>
                  ))}
                </ol>
              )}
            </BoardColumn>
          );
        })}
      </div>
      {canEdit && (
        <button type="button" className="btn-secondary" onClick={() => history.step(() => addColumn(doc, newId(), t('column.newTitle')))}>
          {t('column.add')}
        </button>
      )}
    </main>
  );
}

function titleOrNull(title: string | undefined, fallback: string): string | null {
  if (title === undefined) return null;
  return title || fallback;
}

function uniqueUsers(peers: { user: PresencePerson }[]): PresencePerson[] {
  const seen = new Set<string>();
  return peers.flatMap((p) => (seen.has(p.user.id) ? [] : (seen.add(p.user.id), [p.user])));
}

function BoardShell({ title, message, status }: { title: string; message: string; status?: ReactNode }) {
  return (
    <main id="main" data-wide className="mx-auto max-w-screen-2xl space-y-4 p-4">
      <h1 className="break-words text-3xl font-bold">{title}</h1>
      {status}
      <p className="text-lg">{message}</p>
    </main>
  );
}
