import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { ibbSessions } from '../../db/schema';
import { getDb } from '../../db/client';
import { callCaucus, endCaucus } from '../../server/ibb/caucus';
import { applyControl } from '../../server/ibb/controls';
import { createSession } from '../../server/ibb/create-session';
import { describeEachBackend } from '../support/db';
import { buildFacilitator, buildPartnership, buildUser } from '../support/factories';

async function table() {
  const p = await buildPartnership();
  const facilitator = await buildFacilitator(p.id);
  const labor = await buildUser({ partnershipId: p.id, party: 'labor', role: 'union_president' });
  const management = await buildUser({ partnershipId: p.id, party: 'management', role: 'superintendent' });
  const session = await createSession(facilitator.id, p.id, {
    title: 'Successor contract 2026',
    participants: [
      { userId: labor.id, role: 'chief_spokesperson' },
      { userId: management.id, role: 'chief_spokesperson' },
    ],
  });
  return { facilitator, labor, management, sessionId: session.id };
}

async function timer(sessionId: string) {
  const [s] = await getDb().select().from(ibbSessions).where(eq(ibbSessions.id, sessionId));
  if (!s) throw new Error('no session');
  return { endsInMs: s.timerEndsAt ? s.timerEndsAt.getTime() - Date.now() : null, remainingMs: s.timerRemainingMs };
}

describeEachBackend('IBB caucus and the shared timer', () => {
  it('a caucus pauses a running timer; it resumes with the time it had left when the last caucus ends', async () => {
    const t = await table();
    await applyControl(t.facilitator.id, t.sessionId, { control: 'timer_start', minutes: 10 });
    await callCaucus(t.labor.id, t.sessionId, { minutes: 15 });
    const paused = await timer(t.sessionId);
    expect(paused.endsInMs).toBeNull();
    expect(paused.remainingMs).toBeGreaterThan(9 * 60_000);
    // The other party goes out too, then labour comes back first: still one caucus on.
    await callCaucus(t.management.id, t.sessionId, { minutes: 15 });
    await endCaucus(t.labor.id, t.sessionId);
    expect((await timer(t.sessionId)).endsInMs).toBeNull();
    await endCaucus(t.management.id, t.sessionId);
    const resumed = await timer(t.sessionId);
    expect(resumed.remainingMs).toBeNull();
    expect(resumed.endsInMs).toBeGreaterThan(9 * 60_000);
    expect(resumed.endsInMs).toBeLessThanOrEqual(paused.remainingMs ?? 0);
  });

  it('leaves a timer the facilitator paused, or took back during the caucus, to the facilitator', async () => {
    const t = await table();
    await applyControl(t.facilitator.id, t.sessionId, { control: 'timer_start', minutes: 10 });
    await applyControl(t.facilitator.id, t.sessionId, { control: 'timer_pause' });
    await callCaucus(t.labor.id, t.sessionId, { minutes: 15 });
    await endCaucus(t.labor.id, t.sessionId);
    expect((await timer(t.sessionId)).endsInMs).toBeNull();

    await applyControl(t.facilitator.id, t.sessionId, { control: 'timer_start', minutes: 5 });
    await callCaucus(t.management.id, t.sessionId, { minutes: 15 });
    // The facilitator restarts and pauses the clock while management is out: it is theirs now.
    await applyControl(t.facilitator.id, t.sessionId, { control: 'timer_resume' });
    await applyControl(t.facilitator.id, t.sessionId, { control: 'timer_pause' });
    await endCaucus(t.management.id, t.sessionId);
    expect((await timer(t.sessionId)).endsInMs).toBeNull();
  });

  it('a facilitator ending every caucus restarts the paused timer', async () => {
    const t = await table();
    await applyControl(t.facilitator.id, t.sessionId, { control: 'timer_start', minutes: 3 });
    await callCaucus(t.labor.id, t.sessionId, { minutes: 5 });
    await callCaucus(t.management.id, t.sessionId, { minutes: 5 });
    await endCaucus(t.facilitator.id, t.sessionId);
    expect((await timer(t.sessionId)).endsInMs).toBeGreaterThan(2 * 60_000);
  });
});
