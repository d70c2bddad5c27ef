import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, ibbTaInitials, ibbTentativeAgreements } from '../../db/schema';
import { AppError } from '../../domain/errors';
import { answerConsensusCheck, getConsensusCheck, listConsensusChecks, openConsensusCheck, retestConsensusCheck, revealConsensusCheck } from '../../server/ibb/consensus-checks';
import { approveCommunique, listCommuniques, proposeCommunique } from '../../server/ibb/communique';
import { createSession } from '../../server/ibb/create-session';
import { hashTaText, initialTentativeAgreement, listTentativeAgreements, proposeTentativeAgreement, recordRatification } from '../../server/ibb/tentative-agreements';
import { describeEachBackend } from '../support/db';
import { buildFacilitator, buildPartnership, buildUser } from '../support/factories';

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
  return 'no error';
}

/** drizzle wraps driver errors ("Failed query: …"); the database's reason is the cause. */
async function databaseRefusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    const cause = err instanceof Error && err.cause instanceof Error ? err.cause.message : '';
    return `${err instanceof Error ? err.message : String(err)} ${cause}`;
  }
  return 'no error';
}

async function bargainingWorld() {
  const p = await buildPartnership();
  const facilitator = await buildFacilitator(p.id);
  const laborChief = await buildUser({ partnershipId: p.id, party: 'labor', role: 'union_president' });
  const laborMember = await buildUser({ partnershipId: p.id, party: 'labor', role: 'teacher' });
  const mgmtChief = await buildUser({ partnershipId: p.id, party: 'management', role: 'superintendent' });
  const mgmtMember = await buildUser({ partnershipId: p.id, party: 'management', role: 'administrator' });
  const observer = await buildUser({ partnershipId: p.id, party: 'neutral', role: 'researcher' });
  const session = await createSession(facilitator.id, p.id, {
    title: 'Successor contract 2026',
    participants: [
      { userId: laborChief.id, role: 'chief_spokesperson' },
      { userId: laborMember.id, role: 'team_member' },
      { userId: mgmtChief.id, role: 'chief_spokesperson' },
      { userId: mgmtMember.id, role: 'team_member' },
      { userId: observer.id, role: 'observer' },
    ],
  });
  return { p, facilitator, laborChief, laborMember, mgmtChief, mgmtMember, observer, sessionId: session.id };
}

describeEachBackend('IBB records', ({ db }) => {
  describe('consensus checks', () => {
    it('keeps answers private until a simultaneous reveal, once per person, with re-test rounds', async () => {
      const w = await bargainingWorld();
      const check = await openConsensusCheck(w.facilitator.id, w.sessionId, { subject: 'issues/class-size', question: 'Adopt option B?' });
      await answerConsensusCheck(w.laborChief.id, check.id, { value: 4 });
      await answerConsensusCheck(w.mgmtMember.id, check.id, { value: 2, concern: 'Cost in year one' });
      const before = await getConsensusCheck(w.laborMember.id, check.id);
      expect(before).toMatchObject({ isRevealed: false, answeredByParty: { labor: 1, management: 1 }, result: null, concerns: [], myAnswer: null });
      expect(await codeOf(answerConsensusCheck(w.laborChief.id, check.id, { value: 5 }))).toBe('conflict');
      expect(await codeOf(answerConsensusCheck(w.facilitator.id, check.id, { value: 5 }))).toBe('forbidden');
      expect(await codeOf(answerConsensusCheck(w.observer.id, check.id, { value: 5 }))).toBe('forbidden');
      expect(await codeOf(answerConsensusCheck(w.laborMember.id, check.id, { value: 7 }))).toBe('bad_request');
      expect(await codeOf(revealConsensusCheck(w.laborChief.id, check.id))).toBe('forbidden');
      const revealed = await revealConsensusCheck(w.facilitator.id, check.id);
      // Results are by party: nobody learns who answered low, except that person themselves.
      expect(revealed.result).toMatchObject({ reached: false, belowThreshold: [] });
      expect(revealed.result?.byParty.management).toMatchObject({ answered: 1, belowThreshold: 1 });
      expect((await getConsensusCheck(w.mgmtMember.id, check.id)).result?.belowThreshold).toEqual([w.mgmtMember.id]);
      expect(revealed.concerns).toEqual([{ party: 'management', value: 2, concern: 'Cost in year one' }]);
      expect(await codeOf(answerConsensusCheck(w.laborMember.id, check.id, { value: 3 }))).toBe('conflict');

      const retest = await retestConsensusCheck(w.facilitator.id, check.id);
      for (const person of [w.laborChief, w.laborMember, w.mgmtChief, w.mgmtMember]) await answerConsensusCheck(person.id, retest.id, { value: 4 });
      const second = await revealConsensusCheck(w.facilitator.id, retest.id);
      expect(second).toMatchObject({ round: 2, previousCheckId: check.id, result: { reached: true } });
      // The first round is kept as it was.
      expect((await getConsensusCheck(w.facilitator.id, check.id)).result?.reached).toBe(false);
      const refusals = await db().select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.targetId, check.id));
      expect(refusals.map((r) => r.action)).toContain('ibb.check.answer.refused');
    });

    it('lists a session’s checks exactly as each is shown on its own, per person, newest first', async () => {
      const w = await bargainingWorld();
      const first = await openConsensusCheck(w.facilitator.id, w.sessionId, { subject: 'issues/a', question: 'A?' });
      await answerConsensusCheck(w.laborChief.id, first.id, { value: 5 });
      await answerConsensusCheck(w.mgmtMember.id, first.id, { value: 1, concern: 'Too fast' });
      await revealConsensusCheck(w.facilitator.id, first.id);
      const second = await openConsensusCheck(w.facilitator.id, w.sessionId, { subject: 'issues/b', question: 'B?' });
      await answerConsensusCheck(w.laborMember.id, second.id, { value: 3 });
      for (const person of [w.laborMember, w.mgmtMember, w.facilitator, w.observer]) {
        const listed = await listConsensusChecks(person.id, w.sessionId);
        expect(listed.map((c) => c.id)).toEqual([second.id, first.id]);
        expect(listed).toEqual([await getConsensusCheck(person.id, second.id), await getConsensusCheck(person.id, first.id)]);
      }
      const outsider = await buildUser({ partnershipId: w.p.id, party: 'labor', role: 'teacher' });
      expect(await codeOf(listConsensusChecks(outsider.id, w.sessionId))).toBe('not_found');
    });

    it('refuses answers in a session one is not part of', async () => {
      const w = await bargainingWorld();
      const outsider = await buildUser({ partnershipId: w.p.id, party: 'labor', role: 'teacher' });
      const check = await openConsensusCheck(w.facilitator.id, w.sessionId, { subject: 's', question: 'q' });
      expect(await codeOf(answerConsensusCheck(outsider.id, check.id, { value: 5 }))).toBe('not_found');
      expect(await codeOf(getConsensusCheck(outsider.id, check.id))).toBe('not_found');
    });
  });

  describe('tentative agreements', () => {
    it('binds initials to the exact text, freezes after both parties, and supersedes rather than edits', async () => {
      const w = await bargainingWorld();
      const text = 'Article 12. Class size\nNo class will exceed 28 students in grades K–3.';
      const ta = await proposeTentativeAgreement(w.facilitator.id, w.sessionId, { subject: 'issues/class-size', title: 'Class size', text });
      expect(ta.textHash).toBe(hashTaText(text));
      expect(await codeOf(initialTentativeAgreement(w.laborMember.id, ta.id, { textHash: ta.textHash }))).toBe('forbidden');
      expect(await codeOf(initialTentativeAgreement(w.laborChief.id, ta.id, { textHash: hashTaText('something else') }))).toBe('conflict');
      expect(await initialTentativeAgreement(w.laborChief.id, ta.id, { textHash: ta.textHash })).toEqual({ isFrozen: false });
      expect(await codeOf(initialTentativeAgreement(w.laborChief.id, ta.id, { textHash: ta.textHash }))).toBe('conflict');
      expect(await initialTentativeAgreement(w.mgmtChief.id, ta.id, { textHash: ta.textHash })).toEqual({ isFrozen: true });
      expect(await codeOf(initialTentativeAgreement(w.mgmtChief.id, ta.id, { textHash: ta.textHash }))).toBe('conflict');

      const [view] = await listTentativeAgreements(w.laborMember.id, w.sessionId);
      expect(view).toMatchObject({ isFrozen: true, isVerified: true, textHash: ta.textHash });
      expect(view?.initials.map((i) => i.party).sort()).toEqual(['labor', 'management']);

      // The database itself refuses to rewrite a frozen text or remove an initial.
      expect(await databaseRefusal(db().update(ibbTentativeAgreements).set({ text: 'No class will exceed 35.' }).where(eq(ibbTentativeAgreements.id, ta.id)))).toMatch(/append-only/);
      expect(await databaseRefusal(db().delete(ibbTaInitials).where(eq(ibbTaInitials.taId, ta.id)))).toMatch(/append-only/);
      expect(await databaseRefusal(db().execute(sql`delete from audit_log`))).toMatch(/append-only/);

      const v2 = await proposeTentativeAgreement(w.facilitator.id, w.sessionId, { subject: 'issues/class-size', title: 'Class size', text: `${text}\nGrades 4–5: 30.`, supersedesId: ta.id });
      const all = await listTentativeAgreements(w.facilitator.id, w.sessionId);
      expect(all.find((t) => t.id === ta.id)).toMatchObject({ isSuperseded: true, isFrozen: true });
      expect(all.find((t) => t.id === v2.id)).toMatchObject({ isSuperseded: false, isFrozen: false, supersedesId: ta.id });
      expect(await codeOf(initialTentativeAgreement(w.laborChief.id, ta.id, { textHash: ta.textHash }))).toBe('conflict');

      expect(await codeOf(recordRatification(w.laborChief.id, v2.id, { party: 'labor', outcome: 'ratified' }))).toBe('conflict');
      await recordRatification(w.laborChief.id, ta.id, { party: 'labor', outcome: 'ratified' });
      expect(await codeOf(recordRatification(w.laborChief.id, ta.id, { party: 'management', outcome: 'rejected' }))).toBe('forbidden');
      expect(await codeOf(recordRatification(w.facilitator.id, ta.id, { party: 'labor', outcome: 'rejected' }))).toBe('conflict');
      const refused = await db().select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.targetId, ta.id));
      expect(refused.map((r) => r.action)).toEqual(expect.arrayContaining(['ibb.ta.initial.refused', 'ibb.ta.ratification.refused']));

      // Each agreement lists its own initials and ratifications (read for all at once).
      await initialTentativeAgreement(w.mgmtChief.id, v2.id, { textHash: v2.textHash });
      const listed = await listTentativeAgreements(w.laborMember.id, w.sessionId);
      const first = listed.find((t) => t.id === ta.id);
      const second = listed.find((t) => t.id === v2.id);
      expect(first?.initials.map((i) => i.party).sort()).toEqual(['labor', 'management']);
      expect(first?.ratifications).toEqual([expect.objectContaining({ party: 'labor', outcome: 'ratified' })]);
      expect(second?.initials.map((i) => i.party)).toEqual(['management']);
      expect(second?.ratifications).toEqual([]);
      expect(second?.isVerified).toBe(true);
    });

    it('lists each communiqué with its own approvals, newest first', async () => {
      const w = await bargainingWorld();
      const older = await proposeCommunique(w.facilitator.id, w.sessionId, { text: 'The teams met and agreed on ground rules.' });
      await approveCommunique(w.laborChief.id, older.id, { textHash: older.textHash });
      const newer = await proposeCommunique(w.facilitator.id, w.sessionId, { text: 'The teams met, agreed on ground rules and listed issues.' });
      await approveCommunique(w.mgmtChief.id, newer.id, { textHash: newer.textHash });
      await approveCommunique(w.laborChief.id, newer.id, { textHash: newer.textHash });
      const listed = await listCommuniques(w.observer.id, w.sessionId);
      expect(listed.map((c) => c.id)).toEqual([newer.id, older.id]);
      expect(listed[0]?.approvedBy).toEqual(['management', 'labor']);
      expect(listed[0]?.publishedAt).not.toBeNull();
      expect(listed[1]?.approvedBy).toEqual(['labor']);
      expect(listed[1]?.publishedAt).toBeNull();
    });

    it('only the facilitator or TA drafter proposes text', async () => {
      const w = await bargainingWorld();
      expect(await codeOf(proposeTentativeAgreement(w.laborChief.id, w.sessionId, { subject: 's', title: 't', text: 'x' }))).toBe('forbidden');
    });
  });
});
