'use client';

import { ThumbsUp } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useEffect, useMemo, useState } from 'react';
import { agreementCount, byAgreement, readBoard } from '../../domain/board/team-board';
import { SyncProvider } from '../sync/sync-provider';
import { useDoc } from '../sync/use-doc';
import { COLOR_CLASSES } from './sticky-note';

interface Props {
  docId: string;
  userId: string;
  /** Shown until the doc has loaded. */
  initialTitle: string;
  /** The board's own page, for the way out. */
  boardHref: string;
}

/**
 * A team board on the room's shared screen: large type, every column and note, live as
 * people edit on their laptops, nothing to click but the way out. It only reads the doc.
 */
export function BoardProjector(props: Props) {
  return (
    <SyncProvider userId={props.userId}>
      <LiveBoardProjector {...props} />
    </SyncProvider>
  );
}

function LiveBoardProjector({ docId, initialTitle, boardHref }: Props) {
  const t = useTranslations('board');
  const state = useDoc(docId);
  const board = useMemo(() => (state ? readBoard(state.doc) : null), [state?.doc, state?.version]);
  const isShown = board !== null && (board.columns.length > 0 || state?.status.isSynced === true);
  // "Most agreed first" is this screen's choice, kept in its address (?order=agreed) so a
  // reload or a bookmark on the room's computer keeps it; the board's order is untouched.
  const [isByAgreement, setIsByAgreement] = useState(false);
  useEffect(() => setIsByAgreement(new URLSearchParams(window.location.search).get('order') === 'agreed'), []);
  const toggleOrder = () => {
    const next = !isByAgreement;
    setIsByAgreement(next);
    const url = new URL(window.location.href);
    if (next) url.searchParams.set('order', 'agreed');
    else url.searchParams.delete('order');
    window.history.replaceState(window.history.state, '', url);
  };
  return (
    <main id="main" className="fixed inset-0 z-50 overflow-auto bg-white p-6 text-zinc-950 lg:p-10" data-testid="board-projector">
      <h1 className="border-b-4 border-zinc-900 pb-4 text-4xl font-bold lg:text-6xl">{board?.title || initialTitle}</h1>
      {!isShown ? (
        <p className="mt-6 text-3xl">{t('loading')}</p>
      ) : (
        <div className="mt-6 grid gap-6" style={{ gridTemplateColumns: `repeat(${Math.max(1, board.columns.length)}, minmax(16rem, 1fr))` }}>
          {board.columns.map((column) => {
            const inColumn = board.notes.filter((n) => n.column === column.id);
            const notes = isByAgreement ? byAgreement(inColumn) : inColumn;
            return (
              <section key={column.id} aria-labelledby={`projector-${column.id}`} data-column-id={column.id}>
                <h2 id={`projector-${column.id}`} className="text-3xl font-bold lg:text-4xl">
                  {column.title || t('column.untitled')}
                </h2>
                <ol className="mt-4 space-y-4">
                  {notes.map((note) => {
                    const agreements = agreementCount(note);
                    return (
                      <li key={note.id} data-note-id={note.id} className={`rounded-xl border-4 p-4 ${COLOR_CLASSES[note.color]}`}>
                        <p className="note-text whitespace-pre-wrap break-words text-2xl lg:text-3xl">{note.text}</p>
                        {agreements > 0 && (
                          <p className="mt-2 flex items-center gap-2 text-xl font-semibold lg:text-2xl">
                            <ThumbsUp aria-hidden="true" className="h-7 w-7" />
                            <span className="sr-only">{t('note.agree', { count: agreements })}</span>
                            <span aria-hidden="true">{agreements}</span>
                          </p>
                        )}
                      </li>
                    );
                  })}
                </ol>
              </section>
            );
          })}
        </div>
      )}
      <button type="button" aria-pressed={isByAgreement} onClick={toggleOrder} className="fixed bottom-2 left-2 rounded bg-white/90 px-2 py-1 text-sm text-zinc-800 underline">
        {t('projector.byAgreement')}
      </button>
      <Link href={boardHref} className="fixed bottom-2 right-2 rounded bg-white/90 px-2 py-1 text-sm text-zinc-800 underline">
        {t('projector.leave')}
      </Link>
    </main>
  );
}
