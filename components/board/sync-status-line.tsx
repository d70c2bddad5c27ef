'use client';

import { useState } from 'react';
import { useTranslations } from 'next-intl';
import type { DocHandle, DocStatus } from '../sync/sync-client';

export type StatusKey =
  | 'connecting'
  | 'saved'
  | 'saving'
  | 'offline'
  | 'offlineInPage'
  | 'viewOnly'
  | 'viewOnlyOffline'
  | 'accessRevoked'
  | 'notAvailable'
  | 'signedOut'
  | 'tooManyConnections'
  | 'refused'
  | 'problem';

/**
 * The server refused this device's changes for what they are (too large, not a valid
 * update): sending them again cannot help. Being rate limited passes (the client
 * reconnects after a pause), and a clientID conflict is resolved by the client itself.
 */
const REFUSED = new Set(['frame_too_large', 'malformed_update', 'update_rejected']);

/** The one message the status line shows: errors first, then access, connection, saving. */
export function statusKey(status: DocStatus, connectError: string | null): StatusKey {
  if (connectError === 'unauthenticated') return 'signedOut';
  if (connectError === 'too_many_connections' && status.connection !== 'online') return 'tooManyConnections';
  const code = status.error?.code;
  if (code === 'access_revoked') return 'accessRevoked';
  if (code === 'not_found') return 'notAvailable';
  if (code && REFUSED.has(code)) return 'refused';
  const isViewer = status.access === 'view' || code === 'read_only';
  if (status.connection === 'offline') return isViewer ? 'viewOnlyOffline' : status.isKeptOffline ? 'offline' : 'offlineInPage';
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
  offlineInPage: 'bg-amber-600',
  viewOnly: 'bg-blue-700',
  viewOnlyOffline: 'bg-zinc-700',
  accessRevoked: 'bg-red-700',
  notAvailable: 'bg-red-700',
  signedOut: 'bg-red-700',
  tooManyConnections: 'bg-amber-600',
  refused: 'bg-red-700',
  problem: 'bg-red-700',
};

interface Props {
  status: DocStatus;
  connectError: string | null;
  /**
   * Offered when the server refuses this device's changes: deletes the device's unsaved
   * copy and opens the doc afresh (see DocHandle.discardLocalCopy).
   */
  onDiscardLocalChanges?: () => Promise<void>;
  /**
   * Offered beside the discard button: downloads the doc as this device holds it, refused
   * changes included, so that what the person wrote can be kept by hand before it goes.
   */
  deviceCopy?: DeviceCopy;
}

export interface DeviceCopy {
  /** The file's name without extension. */
  fileStem: string;
  /** The doc as readable data (its domain view: a board's columns and notes, …). */
  read: () => unknown;
}

/** Saves `copy` as a JSON file through the browser's download. */
export function downloadDeviceCopy(copy: DeviceCopy): void {
  const body = JSON.stringify({ keptOnThisDeviceAt: new Date().toISOString(), content: copy.read() }, null, 2);
  const url = URL.createObjectURL(new Blob([body], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `${copy.fileStem}-this-device.json`;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own reference by now; give the browser a moment before freeing it.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function SyncStatusLine({ status, connectError, onDiscardLocalChanges, deviceCopy }: Props) {
  const t = useTranslations('board.status');
  const key = statusKey(status, connectError);
  const [isDiscarding, setIsDiscarding] = useState(false);
  const line = (
    <p role="status" aria-live="polite" data-testid="board-status" data-status={key} className="flex items-center gap-2 text-lg font-semibold">
      <span aria-hidden="true" className={`inline-block h-3 w-3 rounded-full ${TONE[key]}`} />
      {t(key)}
    </p>
  );
  if (key !== 'refused' || !onDiscardLocalChanges) return line;
  return (
    <div className="flex flex-wrap items-center gap-3">
      {line}
      {deviceCopy && (
        <button type="button" className="btn-secondary" onClick={() => downloadDeviceCopy(deviceCopy)}>
          {t('download')}
        </button>
      )}
      <button
        type="button"
        className="btn-danger"
        disabled={isDiscarding}
        onClick={() => {
          if (!window.confirm(t('discardConfirm'))) return;
          setIsDiscarding(true);
          void onDiscardLocalChanges().finally(() => setIsDiscarding(false));
        }}
      >
        {isDiscarding ? t('discarding') : t('discard')}
      </button>
    </div>
  );
}

/** The usual `onDiscardLocalChanges`: drop this device's copy of the doc, then load the page again. */
export function discardAndReload(handle: DocHandle): () => Promise<void> {
  return async () => {
    await handle.discardLocalCopy();
    window.location.reload();
  };
}
