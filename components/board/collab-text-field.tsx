'use client';

import { useEffect, useLayoutEffect, useRef } from 'react';
import type { CSSProperties, FocusEventHandler, KeyboardEvent } from 'react';
import { shiftCaret } from './shift-caret';

interface Props {
  /** The shared text as the doc has it now. */
  value: string;
  /** Called on every input with the field's new text; the caller writes it to the doc. */
  onChange: (next: string) => void;
  label: string;
  /** Text with line breaks (a note, an interest): Enter adds a line; the field grows with it. */
  isMultiline?: boolean;
  /**
   * A one-line value (a title) that wraps onto as many lines as it needs instead of
   * scrolling sideways out of view on a phone. Enter adds no line break, and line breaks
   * pasted in become spaces.
   */
  isWrapping?: boolean;
  isReadOnly?: boolean;
  maxLength: number;
  className?: string;
  placeholder?: string;
  onFocus?: FocusEventHandler;
  onBlur?: FocusEventHandler;
}

/**
 * A text input bound to shared text. It is uncontrolled so that a remote edit arriving
 * while someone types does not throw their caret to the end: the new text is put in
 * place and the selection is shifted past whatever changed before it. There is no
 * `defaultValue` either: React re-sets it on every render, and on a field nobody has
 * typed in yet that resets the value and drops the selection mid-edit (a select-all
 * followed by typing would then insert instead of replace). The effect sets `value`.
 */
export function CollabTextField({ value, onChange, label, isMultiline = false, isWrapping = false, isReadOnly = false, maxLength, className, placeholder, onFocus, onBlur }: Props) {
  const inputRef = useRef<HTMLInputElement>(null);
  const areaRef = useRef<HTMLTextAreaElement>(null);
  const isArea = isMultiline || isWrapping;

  useLayoutEffect(() => {
    const el = isArea ? areaRef.current : inputRef.current;
    if (!el) return;
    if (el.value !== value) {
      const before = el.value;
      const hasFocus = document.activeElement === el;
      const { selectionStart, selectionEnd } = el;
      el.value = value;
      if (hasFocus && selectionStart !== null && selectionEnd !== null) {
        el.setSelectionRange(shiftCaret(before, value, selectionStart), shiftCaret(before, value, selectionEnd));
      }
    }
    if (el instanceof HTMLTextAreaElement) fitHeight(el);
  }, [value, isArea]);

  // A text area's height follows its text, and its text's lines follow its width.
  useEffect(() => {
    const el = areaRef.current;
    if (!isArea || !el || typeof ResizeObserver === 'undefined') return;
    let width = el.clientWidth;
    const observer = new ResizeObserver(() => {
      if (el.clientWidth === width) return;
      width = el.clientWidth;
      fitHeight(el);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [isArea]);

  const common = {
    // Undo here is the shared doc's (components/board/use-board-undo.ts), not the browser's.
    'data-collab-text': '',
    'aria-label': label,
    readOnly: isReadOnly,
    maxLength,
    placeholder,
    onFocus,
    onBlur,
    className,
  };
  if (isArea) {
    return (
      <textarea
        ref={areaRef}
        {...common}
        rows={1}
        // Its height follows its text, so no line hides behind a scrollbar (a note read from
        // the back of the room, a long title on a phone); the className sets the least height.
        // field-sizing fits it before any script runs (the first paint of a server-rendered
        // page) where the browser supports it; fitHeight does it elsewhere.
        style={{ resize: 'none', overflow: 'hidden', fieldSizing: 'content' } as CSSProperties}
        onKeyDown={isWrapping ? ignoreEnter : undefined}
        onInput={(e) => {
          const el = e.currentTarget;
          if (isWrapping && /[\r\n]/.test(el.value)) {
            // Same length, so the caret stays where it was.
            const { selectionStart, selectionEnd } = el;
            el.value = el.value.replace(/\r\n?|\n/g, (m) => ' '.repeat(m.length));
            el.setSelectionRange(selectionStart, selectionEnd);
          }
          fitHeight(el);
          onChange(el.value);
        }}
      />
    );
  }
  return <input ref={inputRef} type="text" {...common} onInput={(e) => onChange(e.currentTarget.value)} />;
}

/** Enter finishes a title rather than breaking it (not while an input method composes). */
function ignoreEnter(e: KeyboardEvent<HTMLTextAreaElement>): void {
  if (e.key === 'Enter' && !e.nativeEvent.isComposing) e.preventDefault();
}

/** Sets a textarea's height to its content's, so no line is hidden behind a scrollbar. */
function fitHeight(el: HTMLTextAreaElement): void {
  el.style.height = 'auto';
  el.style.height = `${el.scrollHeight + el.offsetHeight - el.clientHeight}px`;
}
