import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SessionRefresher } from './session-refresher';
import type { Outcome } from './session-types';

/** A load whose reads the test answers one by one. */
function scriptedLoad() {
  const calls: { resolve: (o: Outcome<number>) => void; reject: (e: Error) => void }[] = [];
  const load = vi.fn(
    () =>
      new Promise<Outcome<number>>((resolve, reject) => {
        calls.push({ resolve, reject });
      }),
  );
  return { load, calls };
}

function setUp() {
  const { load, calls } = scriptedLoad();
  const data: number[] = [];
  const errors: (string | null)[] = [];
  const refresher = new SessionRefresher<number>({ load, onData: (d) => data.push(d), onError: (e) => errors.push(e), retryDelaysMs: [1000, 2000] });
  return { refresher, load, calls, data, errors };
}

const ok = (n: number): Outcome<number> => ({ ok: true, data: n });
const fail = (code: string): Outcome<number> => ({ ok: false, error: { code, message: code } });

describe('SessionRefresher', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('answers announcements that arrive during a read with one more read, started after them', async () => {
    const { refresher, load, calls, data } = setUp();
    refresher.refresh();
    refresher.refresh();
    refresher.refresh();
    expect(load).toHaveBeenCalledTimes(1);
    calls[0]?.resolve(ok(1));
    await vi.advanceTimersByTimeAsync(0);
    expect(load).toHaveBeenCalledTimes(2);
    calls[1]?.resolve(ok(2));
    await vi.advanceTimersByTimeAsync(0);
    expect(load).toHaveBeenCalledTimes(2);
    expect(data).toEqual([1, 2]);
  });

  it('tries a failed read again with a growing pause, and stops retrying once a read succeeds', async () => {
    const { refresher, load, calls, data, errors } = setUp();
    refresher.refresh();
    calls[0]?.reject(new Error('Failed to fetch'));
    await vi.advanceTimersByTimeAsync(0);
    expect(errors).toEqual(['offline']);
    expect(refresher.isRetrying).toBe(true);
    await vi.advanceTimersByTimeAsync(999);
    expect(load).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(load).toHaveBeenCalledTimes(2);
    calls[1]?.resolve(fail('internal'));
    await vi.advanceTimersByTimeAsync(1999);
    expect(load).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(load).toHaveBeenCalledTimes(3);
    calls[2]?.resolve(ok(7));
    await vi.advanceTimersByTimeAsync(0);
    expect(data).toEqual([7]);
    expect(errors).toEqual(['offline', 'internal', null]);
    expect(refresher.isRetrying).toBe(false);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(load).toHaveBeenCalledTimes(3);
  });

  it('does not retry an answer another read will not change (no longer in the session)', async () => {
    const { refresher, load, calls, errors } = setUp();
    refresher.refresh();
    calls[0]?.resolve(fail('not_found'));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(load).toHaveBeenCalledTimes(1);
    expect(errors).toEqual(['not_found']);
  });

  it('an announcement during the pause reads at once instead of waiting for it', async () => {
    const { refresher, load, calls } = setUp();
    refresher.refresh();
    calls[0]?.reject(new Error('Failed to fetch'));
    await vi.advanceTimersByTimeAsync(0);
    refresher.refresh();
    expect(load).toHaveBeenCalledTimes(2);
    expect(refresher.isRetrying).toBe(false);
  });

  it('after stop, reports nothing and reads nothing more', async () => {
    const { refresher, load, calls, data, errors } = setUp();
    refresher.refresh();
    refresher.stop();
    calls[0]?.resolve(ok(1));
    refresher.refresh();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(load).toHaveBeenCalledTimes(1);
    expect(data).toEqual([]);
    expect(errors).toEqual([]);
  });
});
