import { describe, expect, it } from 'vitest';
import type { DocBus } from './doc-bus';
import { NodeLiveness } from './node-liveness';

const SELF = 'aaaaaaaaaaaaaaaa';
const OTHER = 'bbbbbbbbbbbbbbbb';
const THIRD = 'cccccccccccccccc';

function setup() {
  let now = 1_000_000;
  const gone: string[] = [];
  const bus = { nodeId: SELF } as DocBus;
  const liveness = new NodeLiveness(bus, (id) => gone.push(id), { beatMs: 1000, deadAfterMs: 5000 }, () => now);
  return {
    liveness,
    gone,
    advance(ms: number) {
      now += ms;
    },
  };
}

describe('which other nodes are alive', () => {
  it('reports a node once after it has been silent for longer than the limit', () => {
    const { liveness, gone, advance } = setup();
    liveness.heard(OTHER);
    liveness.heard(THIRD);
    for (let s = 0; s < 5; s++) {
      advance(1000);
      liveness.heard(SELF);
      liveness.heard(THIRD);
      liveness.sweep();
    }
    expect(gone).toEqual([]);
    advance(1000);
    liveness.heard(SELF);
    liveness.heard(THIRD);
    liveness.sweep();
    expect(gone).toEqual([OTHER]);
    advance(1000);
    liveness.heard(SELF);
    liveness.sweep();
    expect(gone).toEqual([OTHER]);
  });

  it('judges no one while it does not hear its own beats (its own link is down)', () => {
    const { liveness, gone, advance } = setup();
    liveness.heard(OTHER);
    advance(20_000);
    liveness.sweep();
    expect(gone).toEqual([]);
    // The link is back: the others get a fresh grace period before they are judged.
    liveness.heard(SELF);
    liveness.sweep();
    advance(3000);
    liveness.heard(SELF);
    liveness.sweep();
    expect(gone).toEqual([]);
    advance(3000);
    liveness.heard(SELF);
    liveness.sweep();
    expect(gone).toEqual([OTHER]);
  });

  it('does not report a node it never heard from', () => {
    const { liveness, gone, advance } = setup();
    advance(60_000);
    liveness.heard(SELF);
    liveness.sweep();
    expect(gone).toEqual([]);
  });
});
