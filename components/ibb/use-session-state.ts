'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { DocHandle } from '../sync/sync-client';
import type { Outcome, SessionSnapshot } from './session-types';

export interface LiveSession extends SessionSnapshot {
  /** Server time minus this browser's time, measured at the last update. */
  clockOffsetMs: number;
  /** Browser time (ms) when the snapshot arrived. */
  receivedAt: number;
  /** Why the last refresh failed (an error code), or null. */
  error: string | null;
  /** Reads the session record again (after one's own action, say); concurrent calls coalesce. */
  refresh: () => void;
}

/**
 * The session record (phase, timer, queue, checks…) kept fresh: it is read again whenever
 * the server announces a record change on the board's room, and after a reconnect (changes
 * made while this screen was offline were announced to nobody here).
 */
export function useSessionState(handle: DocHandle | null, initial: SessionSnapshot, load: () => Promise<Outcome<SessionSnapshot>>): LiveSession {
  const [snapshot, setSnapshot] = useState(() => ({ ...initial, receivedAt: Date.now() }));
  const [error, setError] = useState<string | null>(null);
  const isLoading = useRef(false);
  const isStale = useRef(false);

  const refresh = useCallback(() => {
    if (isLoading.current) {
      isStale.current = true;
      return;
    }
    isLoading.current = true;
    void (async () => {
      try {
        do {
          isStale.current = false;
          const result = await load();
          if (result.ok) {
            setSnapshot({ ...result.data, receivedAt: Date.now() });
            setError(null);
          } else setError(result.error.code);
        } while (isStale.current);
      } catch {
        // The network went away mid-request; the reconnect below reads again.
        setError('offline');
      } finally {
        isLoading.current = false;
      }
    })();
  }, [load]);

  useEffect(() => {
    if (!handle) return;
    const offRecord = handle.onRecord(() => refresh());
    let wasOnline = handle.status.connection === 'online';
    const offStatus = handle.onStatus((s) => {
      const isOnline = s.connection === 'online';
      if (isOnline && !wasOnline) refresh();
      wasOnline = isOnline;
    });
    return () => {
      offRecord();
      offStatus();
    };
  }, [handle, refresh]);

  return { ...snapshot, clockOffsetMs: snapshot.serverNow - snapshot.receivedAt, error, refresh };
}

/**
 * The server's current time, ticking every second, or null before the page has mounted
 * (time-dependent text is left out of the server render so hydration matches).
 */
export function useServerNow(clockOffsetMs: number, isTicking = true): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now() + clockOffsetMs);
    if (!isTicking) return;
    const timer = setInterval(() => setNow(Date.now() + clockOffsetMs), 1000);
    return () => clearInterval(timer);
  }, [clockOffsetMs, isTicking]);
  return now;
}
