'use client';

import { useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { boardUndoManager } from '../../domain/board/team-board';

export interface BoardUndo {
  canUndo: boolean;
  canRedo: boolean;
  undo: () => void;
  redo: () => void;
  /**
   * Runs a discrete change (add, delete, move, colour, agree, comment, columns) as an undo
   * step of its own. Typing merges into one step while it goes on (UNDO_CAPTURE_MS); an
   * action never merges with the typing before it or the action after it.
   */
  step: <T>(change: () => T) => T;
}

/**
 * Undo and redo of this person's own changes to a board (`boardUndoManager`), with
 * Ctrl/⌘+Z, Ctrl/⌘+Shift+Z and Ctrl+Y anywhere on the page but in fields of other forms.
 * Inside a shared text (a note, a title) the same keys go through the board's history, not the browser's:
 * the text box shows the shared text, which others change under it, so the browser's own
 * history of the box no longer matches what it shows.
 */
export function useBoardUndo(doc: Y.Doc | null, isEnabled: boolean): BoardUndo {
  const [manager, setManager] = useState<Y.UndoManager | null>(null);
  const [stacks, setStacks] = useState({ canUndo: false, canRedo: false });
  const enabled = useRef(isEnabled);
  enabled.current = isEnabled;

  useEffect(() => {
    if (!doc) return;
    const m = boardUndoManager(doc);
    const refresh = () => setStacks(stacksOf(m));
    m.on('stack-item-added', refresh);
    m.on('stack-item-popped', refresh);
    m.on('stack-cleared', refresh);
    setManager(m);
    refresh();
    const onKeyDown = (e: KeyboardEvent) => {
      if (!enabled.current || !(e.ctrlKey || e.metaKey) || e.altKey) return;
      // A field that is not the shared doc's (a comment being written, a form elsewhere on
      // the page) keeps the browser's own undo.
      const target = e.target instanceof Element ? e.target : null;
      if (target?.closest('input, textarea, select, [contenteditable="true"]') && !target.closest('[data-collab-text]')) return;
      const key = e.key.toLowerCase();
      const isRedo = (key === 'z' && e.shiftKey) || (key === 'y' && e.ctrlKey && !e.shiftKey);
      const isUndo = key === 'z' && !e.shiftKey;
      if (!isUndo && !isRedo) return;
      e.preventDefault();
      setStacks(apply(m, isUndo ? 'undo' : 'redo'));
    };
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      m.destroy();
      setManager(null);
      setStacks({ canUndo: false, canRedo: false });
    };
  }, [doc]);

  return {
    ...stacks,
    undo: () => manager && setStacks(apply(manager, 'undo')),
    redo: () => manager && setStacks(apply(manager, 'redo')),
    step: (change) => {
      manager?.stopCapturing();
      try {
        return change();
      } finally {
        manager?.stopCapturing();
      }
    },
  };
}

function stacksOf(m: Y.UndoManager): { canUndo: boolean; canRedo: boolean } {
  return { canUndo: m.canUndo(), canRedo: m.canRedo() };
}

/**
 * Undoes or redoes one step and returns the stacks after it, read here: a step whose
 * changes others have since taken away (their delete of the note it edited, say) is
 * dropped without an event.
 */
function apply(m: Y.UndoManager, kind: 'undo' | 'redo'): { canUndo: boolean; canRedo: boolean } {
  if (kind === 'undo') m.undo();
  else m.redo();
  return stacksOf(m);
}
