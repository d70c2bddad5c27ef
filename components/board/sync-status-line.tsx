'use client';

import { useTranslations } from 'next-intl';
import type { DocStatus } from '../sync/sync-client';

export type StatusKey =
  | 'connecting'
  | 'saved'
  | 'saving'
  | 'offline'
  | 'viewOnly'
  | 'viewOnlyOffline'
  | 'accessRevoked'
  | 'notAvailable'
  | 'signedOut'
  | 'refused'
  | 'problem';

const REFUSED = new Set(['frame_too_large', 'malformed_update', 'update_rejected', 'rate_limited', 'client_id_taken']);

/** The one message the status line shows: errors first, then access, connection, saving. */
export function statusKey(status: DocStatus, connectError: string | null): StatusKey {
  if (connectError === 'unauthenticated') return 'signedOut';
  const code = status.error?.code;
  if (code === 'access_revoked') return 'accessRevoked';
  if (code === 'not_found') return 'notAvailable';
  if (code && REFUSED.has(code)) return 'refused';
  const isViewer = status.access === 'view' || code === 'read_only';
  if (status.connection === 'offline') return isViewer ? 'viewOnlyOffline' : 'offline';
  if (isViewer) return 'viewOnly';
  if (code) return 'problem';
  if (status.connection === 'connecting') return 'connecting';
  return status.save === 'saving' ? 'saving' : 'saved';
}

const TONE: Record<StatusKey, string> = {
  connecting: 'bg-zinc-500',
  saved: 'bg-green-700',
  saving: 'bg-amber-500',
  offline: 'bg-zinc-700',
  viewOnly: 'bg-blue-700',
  viewOnlyOffline: 'bg-zinc-700',
  accessRevoked: 'bg-red-700',
  notAvailable: 'bg-red-700',
  signedOut: 'bg-red-700',
  refused: 'bg-red-700',
  problem: 'bg-red-700',
};

export function SyncStatusLine({ status, connectError }: { status: DocStatus; connectError: string | null }) {
  const t = useTranslations('board.status');
  const key = statusKey(status, connectError);
  return (
    <p role="status" aria-live="polite" data-testid="board-status" data-status={key} className="flex items-center gap-2 text-lg font-semibold">
      <span aria-hidden="true" className={`inline-block h-3 w-3 rounded-full ${TONE[key]}`} />
      {t(key)}
    </p>
  );
}
