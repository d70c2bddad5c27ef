'use client';

import { createContext, useContext } from 'react';
import type * as Y from 'yjs';
import type { IbbBoardView } from '../../domain/ibb/ibb-board';
import type { SessionState } from '../../domain/ibb/views';
import type { SessionPermissions } from './permissions';
import type { AnyOutcome, RecordActions, SessionActions } from './session-types';

/** What every part of a session screen reads: the record, the board, and how to act on them. */
export interface SessionContextValue {
  state: SessionState;
  doc: Y.Doc;
  board: IbbBoardView;
  can: SessionPermissions;
  actions: SessionActions;
  records: RecordActions;
  /**
   * Runs a server action; a refusal is shown in the screen's alert. The record is read
   * again afterwards (not every command announces itself to the room).
   */
  /** Reads the session record again now. */
  refresh: () => void;
  run: (call: () => Promise<AnyOutcome>) => Promise<boolean>;
  /** The name of whoever wrote a named item, known only from presence (never from the doc). */
  authorOf: (creatorClientId: number | null) => string | null;
  /** A participant's name from the session roster. */
  nameOf: (userId: string | null) => string | null;
  /** Server time now, ticking each second; null before mount. */
  serverNow: number | null;
  partnershipId: string;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export const SessionProvider = SessionContext.Provider;

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside a session screen');
  return value;
}
