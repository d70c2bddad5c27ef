'use client';

import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { readIbbBoard } from '../../../domain/ibb/ibb-board';
import type { IbbBoardView } from '../../../domain/ibb/ibb-board';

/** The shared board as plain data, read again whenever the doc changes. */
export function useBoardView(doc: Y.Doc): IbbBoardView {
  const [view, setView] = useState<IbbBoardView>(() => readIbbBoard(doc));
  useEffect(() => {
    const reread = () => setView(readIbbBoard(doc));
    reread();
    doc.on('update', reread);
    return () => doc.off('update', reread);
  }, [doc]);
  return view;
}
