import { NEW_CLIENTS_PER_PERSON_HOUR } from '../../domain/sync/validate-update';

const HOUR_MS = 3_600_000;

/**
 * How many Yjs clientIDs each person bound in one doc within the last hour, so that nobody
 * can bind them without bound. Every page load writes under a clientID of its own, and a
 * device's offline copy holds one per load that edited without reaching the server, so a
 * step 2 after a long offline spell legitimately brings a dozen. But each clientID stays in
 * the doc for good (in the state vector every later transaction walks, and in
 * `doc_clients`), and one update is already bounded by the validator: this bounds the rate.
 *
 * Kept per room, filled from `doc_clients.first_seen_at` when the doc loads, so a room
 * that unloads and loads again still counts the hour. Per node: with several nodes a
 * person's claims on the others are counted from the next load.
 */
export class ClientClaimWindow {
  private readonly times = new Map<string, number[]>();

  constructor(
    readonly limit: number = NEW_CLIENTS_PER_PERSON_HOUR,
    private readonly windowMs: number = HOUR_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether `userId` may bind `count` more clientIDs now. */
  allows(userId: string, count: number): boolean {
    return this.recent(userId).length + count <= this.limit;
  }

  /** Counts `count` clientIDs bound by `userId` at `at` (now, or a stored binding's time). */
  record(userId: string, count: number, at: number = this.now()): void {
    if (at <= this.now() - this.windowMs) return;
    const list = this.recent(userId);
    for (let i = 0; i < count; i++) list.push(at);
    this.times.set(userId, list);
  }

  private recent(userId: string): number[] {
    const list = this.times.get(userId);
    if (!list) return [];
    const since = this.now() - this.windowMs;
    const kept = list.filter((t) => t > since);
    if (kept.length === 0) this.times.delete(userId);
    else if (kept.length !== list.length) this.times.set(userId, kept);
    return kept;
  }
}
