import type { DocBus } from './doc-bus';

export interface LivenessOptions {
  /** How often this node says it is alive. */
  beatMs: number;
  /** Silence after which another node counts as gone. */
  deadAfterMs: number;
}

export const DEFAULT_LIVENESS: LivenessOptions = { beatMs: 2000, deadAfterMs: 7000 };

/**
 * Which other nodes are alive, from heartbeats on the bus. A node that dies without
 * closing its sockets (SIGKILL, a lost VM) never publishes its people's departure; without
 * this, the other nodes would show them present until y-protocols' 30 s awareness timeout.
 *
 * A node counts as heard from when its beat or any doc message from it arrives (`heard`).
 * Only when this node hears its own beats does it judge others: if its own link to Redis
 * is down, everyone else is silent too, and they are not gone. When its beats come back
 * after such a gap, everyone gets a fresh grace period.
 */
export class NodeLiveness {
  private readonly lastHeard = new Map<string, number>();
  private ownLastHeard: number;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly bus: DocBus,
    private readonly onGone: (nodeId: string) => void,
    private readonly options: LivenessOptions = DEFAULT_LIVENESS,
    private readonly now: () => number = Date.now,
  ) {
    this.ownLastHeard = now();
  }

  async start(): Promise<void> {
    await this.bus.subscribeBeats((nodeId) => this.heard(nodeId));
    this.bus.publishBeat();
    this.timer = setInterval(() => {
      this.bus.publishBeat();
      this.sweep();
    }, this.options.beatMs);
    this.timer.unref();
  }

  heard(nodeId: string): void {
    const now = this.now();
    if (nodeId !== this.bus.nodeId) {
      this.lastHeard.set(nodeId, now);
      return;
    }
    if (now - this.ownLastHeard > this.options.deadAfterMs) {
      for (const other of this.lastHeard.keys()) this.lastHeard.set(other, now);
    }
    this.ownLastHeard = now;
  }

  /** Reports (once) every node silent for longer than `deadAfterMs`. */
  sweep(): void {
    const now = this.now();
    if (now - this.ownLastHeard > this.options.deadAfterMs) return;
    for (const [nodeId, at] of this.lastHeard) {
      if (now - at <= this.options.deadAfterMs) continue;
      this.lastHeard.delete(nodeId);
      this.onGone(nodeId);
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
