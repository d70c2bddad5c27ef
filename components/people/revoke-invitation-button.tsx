'use client';

import { useTransition } from 'react';
import type { FormResult } from './types';

export function RevokeInvitationButton({ label, onRevoke }: { label: string; onRevoke: () => Promise<FormResult> }) {
  const [isPending, startTransition] = useTransition();
  return (
    <button type="button" className="btn-secondary ml-auto" disabled={isPending} onClick={() => startTransition(async () => void (await onRevoke()))}>
      {label}
    </button>
  );
}
