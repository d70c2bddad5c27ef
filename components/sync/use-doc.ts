'use client';

import { useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { PARTIES, ROLES } from '../../domain/partnership/roles';
import type { Party, Role } from '../../domain/partnership/roles';
import type { DocHandle, DocStatus } from './sync-client';
import { useSyncConnection } from './sync-provider';

/** Who a presence entry belongs to, as the server filled it in from the session. */
export interface PresenceUser {
  id: string;
  name: string;
  party: Party | null;
  role: Role | null;
}

/** Another open copy of the doc (a person may have several: tabs, devices). */
export interface Peer {
  clientId: number;
  user: PresenceUser;
  /** The rest of that client's awareness state; each board kind parses its own fields. */
  state: Record<string, unknown>;
}

export interface DocState {
  handle: DocHandle;
  doc: Y.Doc;
  awareness: Awareness;
  status: DocStatus;
  /** The handshake's refusal (`unauthenticated`, …) while the socket cannot connect. */
  connectError: string | null;
  peers: Peer[];
  /** Increments on every change to the doc, so components re-read it. */
  version: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The identity of a presence state: only the `user` field the server writes (never a
 * name the client put anywhere else), checked for shape because it came off the wire.
 */
export function presenceUser(state: unknown): PresenceUser | null {
  if (!isRecord(state) || !isRecord(state.user)) return null;
  const { id, name, party, role } = state.user;
  if (typeof id !== 'string' || typeof name !== 'string') return null;
  return {
    id,
    name,
    party: PARTIES.find((p) => p === party) ?? null,
    role: ROLES.find((r) => r === role) ?? null,
  };
}

export function peersOf(awareness: Awareness): Peer[] {
  const peers: Peer[] = [];
  awareness.getStates().forEach((state, clientId) => {
    if (clientId === awareness.clientID) return;
    const user = presenceUser(state);
    if (user && isRecord(state)) peers.push({ clientId, user, state });
  });
  return peers.sort((a, b) => a.user.name.localeCompare(b.user.name) || a.clientId - b.clientId);
}

/**
 * Opens one doc on the page's connection (see SyncProvider) with its offline copy, and
 * re-renders on every change to its content, status or presence. Null until the
 * connection exists. The doc is closed (and its offline store released) on unmount.
 */
export function useDoc(docId: string): DocState | null {
  const connection = useSyncConnection();
  const client = connection?.client ?? null;
  const [handle, setHandle] = useState<DocHandle | null>(null);
  const [status, setStatus] = useState<DocStatus | null>(null);
  const [peers, setPeers] = useState<Peer[]>([]);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    if (!client) return;
    const opened = client.open(docId, new Y.Doc());
    setHandle(opened);
    const handleUpdate = () => setVersion((v) => v + 1);
    const handleAwareness = () => setPeers(peersOf(opened.awareness));
    opened.doc.on('update', handleUpdate);
    opened.awareness.on('change', handleAwareness);
    const offStatus = opened.onStatus(setStatus);
    return () => {
      offStatus();
      opened.doc.off('update', handleUpdate);
      opened.awareness.off('change', handleAwareness);
      setHandle(null);
      setStatus(null);
      setPeers([]);
      void opened.close().then(() => opened.doc.destroy());
    };
  }, [client, docId]);

  // Unsaved changes that this device does not keep (the browser refused IndexedDB, as some
  // private windows do) are lost if the page closes: the browser asks first.
  const isAtRisk = status !== null && status.hasUnsavedChanges && !status.isKeptOffline;
  useEffect(() => {
    if (!isAtRisk) return;
    const ask = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [isAtRisk]);

  if (!handle || !status) return null;
  return { handle, doc: handle.doc, awareness: handle.awareness, status, connectError: connection?.connectError ?? null, peers, version };
}
