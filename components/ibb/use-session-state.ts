'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { DocHandle } from '../sync/sync-client';
import { SAFETY_REFRESH_MS, SessionRefresher } from './session-refresher';
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
 * the server announces a record change on the board's room, after a reconnect (changes
 * made while this screen was offline were announced to nobody here), when the page becomes
 * visible again, and every SAFETY_REFRESH_MS in any case (announcements are at most once).
 * A failed read is retried with a growing pause (SessionRefresher).
 */
export function useSessionState(handle: DocHandle | null, initial: SessionSnapshot, load: () => Promise<Outcome<SessionSnapshot>>): LiveSession {
  const [snapshot, setSnapshot] = useState(() => ({ ...initial, receivedAt: Date.now() }));
  const [error, setError] = useState<string | null>(null);
  const loadRef = useRef(load);
  loadRef.current = load;
  const [refresher] = useState(
    () =>
      new SessionRefresher<SessionSnapshot>({
        load: () => loadRef.current(),
        onData: (data) => setSnapshot({ ...data, receivedAt: Date.now() }),
        onError: setError,
      }),
  );
  useEffect(() => {
    refresher.start();
    return () => refresher.stop();
  }, [refresher]);
  const refresh = useCallback(() => refresher.refresh(), [refresher]);

  useEffect(() => {
    if (!handle) return;
    const offRecord = handle.onRecord(() => refresh());
    let wasOnline = handle.status.connection === 'online';
    const offStatus = handle.onStatus((s) => {
      const isOnline = s.connection === 'online';
      if (isOnline && !wasOnline) refresh();
      wasOnline = isOnline;
    });
    const isWatched = () => document.visibilityState === 'visible' && handle.status.connection === 'online';
    const safety = setInterval(() => {
      if (isWatched()) refresh();
    }, SAFETY_REFRESH_MS);
    // A phone back from its lock screen, a tab brought to the front: read at once.
    const onVisibility = () => {
      if (isWatched()) refresh();
    };
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      offRecord();
      offStatus();
      clearInterval(safety);
      document.removeEventListener('visibilitychange', onVisibility);
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
