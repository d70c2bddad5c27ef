import type { Outcome } from './session-types';

/**
 * How often a screen re-reads the session record with no announcement at all. The
 * announcements (`doc:record`) are at most once: a socket.io emit, and Redis pub/sub
 * between nodes, drop silently. The docs have their anti-entropy pass; this is the
 * records'. A hand raised or a timer started reaches a screen that missed it within
 * this long.
 */
export const SAFETY_REFRESH_MS = 15_000;

/** Pauses before re-reading after a failed read; the last one repeats. */
export const RETRY_DELAYS_MS: readonly number[] = [1000, 2000, 4000, 8000, 15_000];

/** Answers that another read will not change: the person is no longer in the session. */
const PERMANENT_CODES: ReadonlySet<string> = new Set(['unauthenticated', 'forbidden', 'not_found']);

export interface SessionRefresherOptions<T> {
  load: () => Promise<Outcome<T>>;
  onData: (data: T) => void;
  /** The failed read's code, or null once a read succeeded. */
  onError: (code: string | null) => void;
  retryDelaysMs?: readonly number[];
}

/**
 * Keeps one screen's copy of a record fresh: `refresh()` reads it, calls that arrive during
 * a read coalesce into one more read after it (so the last announcement is always
 * answered by a read that started after it), and a failed read is tried again with a
 * growing pause instead of leaving the screen stale until the next announcement.
 */
export class SessionRefresher<T> {
  private isLoading = false;
  private isStale = false;
  private failures = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private isStopped = false;
  private readonly retryDelaysMs: readonly number[];

  constructor(private readonly options: SessionRefresherOptions<T>) {
    this.retryDelaysMs = options.retryDelaysMs ?? RETRY_DELAYS_MS;
  }

  refresh(): void {
    if (this.isStopped) return;
    if (this.retryTimer) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
    if (this.isLoading) {
      this.isStale = true;
      return;
    }
    this.isLoading = true;
    void this.read();
  }

  /** Whether a read failed and another is scheduled. */
  get isRetrying(): boolean {
    return this.retryTimer !== null;
  }

  /** Undoes `stop` (React runs an effect's clean-up and the effect again in development). */
  start(): void {
    this.isStopped = false;
  }

  /** Nothing more is read or reported; a read in flight is ignored when it returns. */
  stop(): void {
    this.isStopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private async read(): Promise<void> {
    let failed: string | null = null;
    try {
      do {
        this.isStale = false;
        const result = await this.options.load();
        if (this.isStopped) return;
        if (result.ok) {
          failed = null;
          this.options.onData(result.data);
          this.options.onError(null);
        } else {
          failed = result.error.code;
          this.options.onError(failed);
        }
      } while (this.isStale);
    } catch {
      // The request itself failed (the network went away mid-read, a server restart).
      failed = 'offline';
      if (!this.isStopped) this.options.onError(failed);
    } finally {
      this.isLoading = false;
    }
    if (this.isStopped) return;
    if (failed === null) {
      this.failures = 0;
      return;
    }
    if (PERMANENT_CODES.has(failed)) return;
    const delay = this.retryDelaysMs[Math.min(this.failures, this.retryDelaysMs.length - 1)] ?? 15_000;
    this.failures++;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.refresh();
    }, delay);
  }
}
