import { eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { ibbCaucusCalls, ibbSessions } from '../../db/schema';
import { getDb } from '../../db/client';
import { emitEvent } from '../../server/events';
import { callCaucus, endCaucus } from '../../server/ibb/caucus';
import { startCaucusExpiry } from '../../server/ibb/caucus-expiry';
import { applyControl, resumeTimersAfterExpiredCaucuses } from '../../server/ibb/controls';
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

  it('a caucus that runs out restarts the timer it paused, counted from the caucus’s end', async () => {
    const t = await table();
    await applyControl(t.facilitator.id, t.sessionId, { control: 'timer_start', minutes: 10 });
    const { until } = await callCaucus(t.labor.id, t.sessionId, { minutes: 15 });
    const paused = await timer(t.sessionId);
    // While the caucus is on, a sweep leaves the clock alone.
    expect(await resumeTimersAfterExpiredCaucuses()).not.toContain(t.sessionId);
    expect((await timer(t.sessionId)).endsInMs).toBeNull();
    // A sweep that runs a minute after the caucus ran out (a node was busy or restarting):
    // the clock restarts as of the caucus's end, not of the sweep.
    const sweptAt = new Date(until.getTime() + 60_000);
    expect(await resumeTimersAfterExpiredCaucuses(sweptAt)).toContain(t.sessionId);
    const [row] = await getDb().select().from(ibbSessions).where(eq(ibbSessions.id, t.sessionId));
    expect(row?.timerRemainingMs).toBeNull();
    expect(row?.isTimerPausedByCaucus).toBe(false);
    expect(Math.abs((row?.timerEndsAt?.getTime() ?? 0) - (until.getTime() + (paused.remainingMs ?? 0)))).toBeLessThan(2000);
    // Once only: a second sweep (another node) changes nothing.
    expect(await resumeTimersAfterExpiredCaucuses(sweptAt)).not.toContain(t.sessionId);
  });

  it('wakes up when a caucus ends by itself, without waiting for the periodic sweep', async () => {
    const t = await table();
    await applyControl(t.facilitator.id, t.sessionId, { control: 'timer_start', minutes: 10 });
    const expiry = startCaucusExpiry(3_600_000);
    try {
      await callCaucus(t.labor.id, t.sessionId, { minutes: 1 });
      // Shorten the caucus to half a second and announce it the way callCaucus does.
      const until = new Date(Date.now() + 500);
      await getDb().update(ibbCaucusCalls).set({ until }).where(eq(ibbCaucusCalls.sessionId, t.sessionId));
      emitEvent('caucus:called', { sessionId: t.sessionId, until });
      expect((await timer(t.sessionId)).endsInMs).toBeNull();
      await expect.poll(async () => (await timer(t.sessionId)).endsInMs, { timeout: 5000, interval: 100 }).toBeGreaterThan(9 * 60_000);
      const [call] = await getDb().select({ endedAt: ibbCaucusCalls.endedAt, isOver: sql<boolean>`${ibbCaucusCalls.until} <= now()` }).from(ibbCaucusCalls).where(eq(ibbCaucusCalls.sessionId, t.sessionId));
      // Ran out on its own: nobody ended it.
      expect(call?.endedAt).toBeNull();
      expect(call?.isOver).toBe(true);
    } finally {
      expiry.stop();
    }
  });
});
