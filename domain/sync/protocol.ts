/**
 * The realtime wire protocol, shared by the server (server/realtime), the browser client
 * (components/sync) and any other client. docs/protocol.md describes it for people; this
 * file is the single typed definition. Payload bytes are y-protocols messages.
 */

import type { WireBytes } from './wire-bytes';

export const SYNC_NAMESPACE = '/sync';

/** Limits the server enforces; clients should stay well inside them. */
export const LIMITS = {
  /** Largest single socket.io packet the server accepts (the first sync of a big board). */
  maxPacketBytes: 16 * 1024 * 1024,
  /** Largest doc:sync payload from a client. */
  maxSyncFrameBytes: 4 * 1024 * 1024,
  /** Largest doc:awareness payload from a client. */
  maxAwarenessFrameBytes: 64 * 1024,
  /** Largest JSON state per awareness client. */
  maxAwarenessStateBytes: 8 * 1024,
  /** Docs one socket may have joined at once. */
  maxDocsPerSocket: 32,
  /** Messages per second per socket (token bucket, with this burst). */
  messagesPerSecond: 200,
  messageBurst: 400,
  /**
   * Messages per second per person, over all their sockets on one node (a person with many
   * tabs or a script opening many sockets cannot multiply the per-socket rate).
   */
  personMessagesPerSecond: 1000,
  personMessageBurst: 2000,
  /**
   * Sockets one person may hold open on one node (a browser tab holds one for all its docs).
   * More are refused in the handshake with `too_many_connections`.
   */
  maxSocketsPerPerson: 50,
} as const;

export type DocAccess = 'edit' | 'view';

export const SYNC_ERROR_CODES = [
  /** Payload is not what the event expects (wrong types, unknown doc id form). */
  'bad_request',
  /** The doc does not exist or the person may not see it (same answer for both). */
  'not_found',
  /** The person may view but not edit this doc. */
  'read_only',
  /** doc:sync/doc:awareness for a doc the socket has not joined. */
  'not_joined',
  /** Frame larger than the limit. Fatal: the socket is disconnected. */
  'frame_too_large',
  /** The bytes are not a valid y-protocols / Yjs message. Fatal. */
  'malformed_update',
  /** The update is valid Yjs but exceeds server bounds (structure count, lengths). Fatal. */
  'update_rejected',
  /** Too many messages. Fatal. */
  'rate_limited',
  /** The update adds content under a Yjs clientID bound to another person. Not fatal. */
  'client_id_taken',
  /**
   * The update carries content the server lacks under another person's clientID, or
   * depends on content the server does not have yet. Not fatal: nothing of it was
   * applied; the client re-syncs later (its own content is resent after the owner's).
   */
  'missing_dependencies',
  /** Access to the doc was withdrawn; the socket has been removed from it. */
  'access_revoked',
  /**
   * Access may have changed (a membership change, a lock) and the server could not read it
   * (its database failed): the socket has been removed from the doc. Join again after a pause.
   */
  'access_unconfirmed',
  /** Too many joined docs on this socket. */
  'too_many_docs',
  /** Server-side failure; try again. */
  'internal',
] as const;
export type SyncErrorCode = (typeof SYNC_ERROR_CODES)[number];

/** Errors after which the server disconnects the socket. */
export const FATAL_SYNC_ERRORS: readonly SyncErrorCode[] = ['frame_too_large', 'malformed_update', 'update_rejected', 'rate_limited'];

export type JoinAck = { ok: true; access: DocAccess } | { ok: false; code: SyncErrorCode; message: string };
/** Ack of a client doc:sync: for updates, sent only once the update is durable. */
export type SyncAck = { ok: true } | { ok: false; code: SyncErrorCode; message: string };

export interface DocErrorPayload {
  docId: string | null;
  code: SyncErrorCode;
  message: string;
}

/** Binary from a client: browsers must send an ArrayBuffer (see wire-bytes.ts). */
export interface ClientToServerEvents {
  'doc:join': (payload: { docId: string }, ack: (res: JoinAck) => void) => void;
  'doc:leave': (payload: { docId: string }) => void;
  'doc:sync': (docId: string, message: WireBytes, ack: (res: SyncAck) => void) => void;
  'doc:awareness': (docId: string, update: WireBytes) => void;
}

export interface ServerToClientEvents {
  /** Records (checks, agreements, phase, timers…) changed: refetch them. Carries no content. */
  'doc:record': (payload: { docId: string; kind: string }) => void;
  'doc:sync': (docId: string, message: WireBytes) => void;
  'doc:awareness': (docId: string, update: WireBytes) => void;
  'doc:error': (payload: DocErrorPayload) => void;
  /**
   * The person's access to a joined doc changed between edit and view (a new role, a board
   * locked or unlocked). Losing access altogether is `doc:error` `access_revoked`.
   */
  'doc:access': (payload: { docId: string; access: DocAccess }) => void;
}

/** Doc ids are typed: `<kind>:<id>[:<party>]`. */
export const DOC_ID_PATTERN = /^(board|ibb|caucus|mou|workplan|meeting):([0-9a-f-]{36})(?::(labor|management|neutral|community))?$/;

export interface ParsedDocId {
  kind: 'board' | 'ibb' | 'caucus' | 'mou' | 'workplan' | 'meeting';
  id: string;
  party: 'labor' | 'management' | 'neutral' | 'community' | null;
}

export function parseDocId(docId: unknown): ParsedDocId | null {
  if (typeof docId !== 'string' || docId.length > 100) return null;
  const m = DOC_ID_PATTERN.exec(docId);
  if (!m) return null;
  const kind = m[1];
  const id = m[2];
  if (!kind || !id) return null;
  const party = m[3];
  const parsed: ParsedDocId = {
    kind: kind === 'board' || kind === 'ibb' || kind === 'caucus' || kind === 'mou' || kind === 'workplan' ? kind : 'meeting',
    id,
    party: party === 'labor' || party === 'management' || party === 'neutral' || party === 'community' ? party : null,
  };
  if ((parsed.kind === 'caucus') !== (parsed.party !== null)) return null;
  return parsed;
}

/**
 * The Yjs clientID the server writes with (initial content, anonymous posts). Reserved:
 * no person can ever be bound to it, so server-written content has no author.
 */
export const SERVER_CLIENT_ID = 1;

export function boardDocId(boardId: string): string {
  return `board:${boardId}`;
}
