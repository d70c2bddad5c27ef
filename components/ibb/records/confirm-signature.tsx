'use client';

import { useState } from 'react';

interface Props {
  /** The button that starts it: "Initial for Labor", "Approve for Management". */
  startLabel: string;
  /** What the person confirms, naming the text's fingerprint. */
  question: string;
  confirmLabel: string;
  cancelLabel: string;
  isPending: boolean;
  /**
   * Signs; calls `close` once the signature is recorded. The caller sends the hash of the
   * text on this screen, so a text changed since it was read is refused.
   */
  onConfirm: (close: () => void) => void;
}

/**
 * A party's signature on an exact text (initials on a tentative agreement, approval of a
 * communiqué), in two steps: the button, then a confirmation naming the fingerprint.
 * Signatures are append-only, so the second step is not optional.
 */
export function ConfirmSignature({ startLabel, question, confirmLabel, cancelLabel, isPending, onConfirm }: Props) {
  const [isConfirming, setIsConfirming] = useState(false);
  if (!isConfirming) {
    return (
      <div>
        <button type="button" className="btn-primary" onClick={() => setIsConfirming(true)}>
          {startLabel}
        </button>
      </div>
    );
  }
  return (
    <div className="grid gap-2 rounded-md border border-blue-700 bg-blue-50 p-3">
      <p>{question}</p>
      <div className="flex flex-wrap gap-2">
        <button type="button" className="btn-primary" disabled={isPending} onClick={() => onConfirm(() => setIsConfirming(false))}>
          {confirmLabel}
        </button>
        <button type="button" className="btn-secondary" onClick={() => setIsConfirming(false)}>
          {cancelLabel}
        </button>
      </div>
    </div>
  );
}
