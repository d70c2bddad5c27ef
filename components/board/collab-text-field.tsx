'use client';

import { useLayoutEffect, useRef } from 'react';
import type { FocusEventHandler } from 'react';
import { shiftCaret } from './shift-caret';

interface Props {
  /** The shared text as the doc has it now. */
  value: string;
  /** Called on every input with the field's new text; the caller writes it to the doc. */
  onChange: (next: string) => void;
  label: string;
  isMultiline?: boolean;
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
export function CollabTextField({ value, onChange, label, isMultiline = false, isReadOnly = false, maxLength, className, placeholder, onFocus, onBlur }: Props) {
  const inputRef = useRef<HTMLInputElement>(null);
  const areaRef = useRef<HTMLTextAreaElement>(null);

  useLayoutEffect(() => {
    const el = isMultiline ? areaRef.current : inputRef.current;
    if (!el || el.value === value) return;
    const before = el.value;
    const hasFocus = document.activeElement === el;
    const { selectionStart, selectionEnd } = el;
    el.value = value;
    if (hasFocus && selectionStart !== null && selectionEnd !== null) {
      el.setSelectionRange(shiftCaret(before, value, selectionStart), shiftCaret(before, value, selectionEnd));
    }
  }, [value, isMultiline]);

  const common = {
    'aria-label': label,
    readOnly: isReadOnly,
    maxLength,
    placeholder,
    onFocus,
    onBlur,
    className,
  };
  return isMultiline ? (
    <textarea ref={areaRef} {...common} rows={3} onInput={(e) => onChange(e.currentTarget.value)} />
  ) : (
    <input ref={inputRef} type="text" {...common} onInput={(e) => onChange(e.currentTarget.value)} />
  );
}
