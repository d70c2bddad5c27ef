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
    /** `ms` pass, the nodes named are heard from, then the sweep runs. */
    step(ms: number, ...heard: string[]) {
      now += ms;
      for (const id of heard) liveness.heard(id);
      liveness.sweep();
    },
  };
}

describe('which other nodes are alive', () => {
  it('reports a node once after it has been silent for longer than the limit', () => {
    const { liveness, gone, step } = setup();
    liveness.heard(OTHER);
    liveness.heard(THIRD);
    for (let s = 0; s < 5; s++) step(1000, SELF, THIRD);
    expect(gone).toEqual([]);
    step(1000, SELF, THIRD);
    expect(gone).toEqual([OTHER]);
    step(1000, SELF);
    expect(gone).toEqual([OTHER]);
  });

  it('judges no one while it does not hear its own beats (its own link is down)', () => {
    const { liveness, gone, step } = setup();
    liveness.heard(OTHER);
    step(20_000);
    expect(gone).toEqual([]);
    // The link is back: the others get a fresh grace period before they are judged.
    step(0, SELF);
    step(3000, SELF);
    expect(gone).toEqual([]);
    step(3000, SELF);
    expect(gone).toEqual([OTHER]);
  });

  it('does not report a node it never heard from', () => {
    const { gone, step } = setup();
    step(60_000, SELF);
    expect(gone).toEqual([]);
  });
});
