import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { memberships } from '../../db/schema';
import { addCriterion, addInterest, addIssue, addOption, addParkingLotItem, addActionItem, setCommunique, setIssueStatus, setSingleText } from '../../domain/ibb/ibb-board';
import { answerConsensusCheck, openConsensusCheck, retestConsensusCheck, revealConsensusCheck } from '../ibb/consensus-checks';
import { applyControl } from '../ibb/controls';
import { createSession } from '../ibb/create-session';
import { evaluateOption } from '../ibb/evaluations';
import { initialTentativeAgreement, proposeTentativeAgreement } from '../ibb/tentative-agreements';
import { writeDoc } from '../realtime/write-doc';
import { DEMO_DOMAIN } from './demo-data';
import { demoUserId } from './demo-users';

const CLASS_SIZE_TA = `Article 12 — Class size
12.1 No class in grades K–3 will exceed 24 students; grades 4–5, 28 students; grades 6–12, 32 students.
12.2 Where enrollment pushes a class past its limit after October 1, the district will add an instructional aide within 10 school days or open a new section.
12.3 A joint class-size committee (three appointed by the Association, three by the District) reviews enrollment each semester.`;

/**
 * A bargaining session in progress for the demo: four issues at different stages, one
 * tentative agreement initialed by both spokespersons, and a consensus check that failed,
 * heard a concern and passed on re-test — so a newcomer sees a living example.
 */
export async function seedDemoIbb(db: Db, partnershipId: string): Promise<string> {
  const facilitator = await demoUserId(db, `facilitator@${DEMO_DOMAIN}`);
  const laborChief = await demoUserId(db, `president@${DEMO_DOMAIN}`);
  const mgmtChief = await demoUserId(db, `superintendent@${DEMO_DOMAIN}`);
  const researcher = await demoUserId(db, `researcher@${DEMO_DOMAIN}`);
  const teachers = await db
    .select({ id: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.partnershipId, partnershipId), eq(memberships.role, 'building_representative')))
    .limit(3);
  const admins = await db
    .select({ id: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.partnershipId, partnershipId), eq(memberships.role, 'administrator')))
    .limit(2);
  const laborTeam = teachers.map((t) => t.id);
  const mgmtTeam = admins.map((a) => a.id);

  const { id: sessionId } = await createSession(facilitator, partnershipId, {
    title: 'Successor agreement 2026–2029',
    startsOn: '2026-10-06',
    endsOn: '2027-01-29',
    impasseProcedure: 'If the teams cannot reach agreement after two facilitated sessions on an issue, either party may request mediation under the state labor relations board rules; IBB ground rules stay in force until then.',
    participants: [
      { userId: laborChief, role: 'chief_spokesperson' },
      { userId: mgmtChief, role: 'chief_spokesperson' },
      { userId: researcher, role: 'observer' },
      ...laborTeam.map((id, i) => ({ userId: id, role: i === 0 ? ('note_taker' as const) : ('team_member' as const) })),
      ...mgmtTeam.map((id, i) => ({ userId: id, role: i === 0 ? ('ta_drafter' as const) : ('team_member' as const) })),
    ],
  });

  const ids = { classSize: randomUUID(), planning: randomUUID(), bilingual: randomUUID(), calendar: randomUUID() };
  const criteria = { feasible: randomUUID(), affordable: randomUUID(), students: randomUUID() };
  const options = { aide: randomUUID(), caps: randomUUID(), committee: randomUUID(), collab: randomUUID() };
  const interests = { learning: randomUUID() };
  await writeDoc(`ibb:${sessionId}`, (doc) => {
    addIssue(doc, { id: ids.classSize, title: 'How can we keep class sizes manageable as enrollment grows?', raisedBy: 'labor' });
    addIssue(doc, { id: ids.planning, title: 'How can we make planning time more useful for teachers and students?', raisedBy: 'joint' });
    addIssue(doc, { id: ids.bilingual, title: 'How can we recruit and keep bilingual teachers?', raisedBy: 'management' });
    addIssue(doc, { id: ids.calendar, title: 'How can we align the school calendar with the community college?', raisedBy: 'management' });
    setIssueStatus(doc, ids.classSize, 'ta_reached');
    setIssueStatus(doc, ids.planning, 'in_progress');
    setIssueStatus(doc, ids.calendar, 'parked');
    addInterest(doc, { id: interests.learning, issueId: ids.classSize, holder: 'mutual', kind: 'substantive', text: 'Every student gets enough individual attention to learn.' });
    addInterest(doc, { id: randomUUID(), issueId: ids.classSize, holder: 'labor', kind: 'substantive', text: 'Manageable workload, especially grading in secondary.' });
    addInterest(doc, { id: randomUUID(), issueId: ids.classSize, holder: 'management', kind: 'substantive', text: 'Stay within the budget the board adopted.' });
    addInterest(doc, { id: randomUUID(), issueId: ids.classSize, holder: 'management', kind: 'procedural', text: 'Flexibility when enrollment changes mid-year.' });
    addInterest(doc, { id: randomUUID(), issueId: ids.planning, holder: 'mutual', kind: 'relationship', text: 'Teachers and principals trust how planning time is used.' });
    addInterest(doc, { id: randomUUID(), issueId: ids.planning, holder: 'labor', kind: 'procedural', text: 'Teachers decide the focus of collaborative planning.' });
    addInterest(doc, { id: randomUUID(), issueId: ids.bilingual, holder: 'mutual', kind: 'substantive', text: 'English learners have teachers who speak their language.' });
    addOption(doc, { id: options.caps, issueId: ids.classSize, text: 'Hard caps by grade band.', postedAs: 'anonymous', partyTag: null });
    addOption(doc, { id: options.aide, issueId: ids.classSize, text: 'Add an aide when a class goes over its cap after October 1.', buildsOn: [options.caps], postedAs: 'party', partyTag: 'labor' });
    addOption(doc, { id: options.committee, issueId: ids.classSize, text: 'A joint committee reviews enrollment every semester.', postedAs: 'party', partyTag: 'management' });
    addOption(doc, { id: options.collab, issueId: ids.planning, text: 'One protected collaborative planning block per week, agenda set by the grade-level team.', postedAs: 'anonymous', partyTag: null });
    addCriterion(doc, { id: criteria.feasible, issueId: null, text: 'Feasible to carry out this school year' });
    addCriterion(doc, { id: criteria.affordable, issueId: null, text: 'Affordable within the adopted budget' });
    addCriterion(doc, { id: criteria.students, issueId: null, text: 'Serves students' });
    setSingleText(doc, ids.classSize, CLASS_SIZE_TA);
    addParkingLotItem(doc, { id: randomUUID(), text: 'Calendar alignment: wait for the college’s 2027 schedule.' });
    addActionItem(doc, { id: randomUUID(), text: 'Bring enrollment projections by school for 2027–28', laborOwner: null, managementOwner: mgmtChief, due: '2026-12-01', });
    addActionItem(doc, { id: randomUUID(), text: 'Survey building reps on current planning-time use', laborOwner: laborChief, managementOwner: null, due: '2026-12-01' });
    setCommunique(doc, 'The District and the Association reached a tentative agreement on class size and continue to work together on planning time.');
  });

  for (const [option, criterion, labor, mgmt] of [
    [options.aide, criteria.affordable, 4, 2],
    [options.aide, criteria.students, 5, 4],
    [options.committee, criteria.feasible, 4, 5],
  ] as const) {
    await evaluateOption(laborChief, sessionId, { optionId: option, targetKind: 'criterion', targetId: criterion, value: labor });
    await evaluateOption(mgmtChief, sessionId, { optionId: option, targetKind: 'criterion', targetId: criterion, value: mgmt });
  }

  // Round 1 fails on cost; the concern is heard; round 2 passes.
  const round1 = await openConsensusCheck(facilitator, sessionId, { subject: `issues/${ids.classSize}`, question: 'Can everyone live with the class-size proposal (caps + aide + joint committee)?' });
  await answerConsensusCheck(laborChief, round1.id, { value: 5 });
  for (const id of laborTeam) await answerConsensusCheck(id, round1.id, { value: 4 });
  await answerConsensusCheck(mgmtChief, round1.id, { value: 3 });
  const [firstAdmin, ...otherAdmins] = mgmtTeam;
  if (firstAdmin) await answerConsensusCheck(firstAdmin, round1.id, { value: 2, concern: 'An aide within 10 days is not possible in every school; we need the option to open a section instead.' });
  for (const id of otherAdmins) await answerConsensusCheck(id, round1.id, { value: 3 });
  await revealConsensusCheck(facilitator, round1.id);
  const round2 = await retestConsensusCheck(facilitator, round1.id);
  for (const id of [laborChief, mgmtChief, ...laborTeam, ...mgmtTeam]) await answerConsensusCheck(id, round2.id, { value: 4 });
  await revealConsensusCheck(facilitator, round2.id);

  const ta = await proposeTentativeAgreement(facilitator, sessionId, { subject: `issues/${ids.classSize}`, title: 'Class size', text: CLASS_SIZE_TA, isContingent: true });
  await initialTentativeAgreement(laborChief, ta.id, { textHash: ta.textHash });
  await initialTentativeAgreement(mgmtChief, ta.id, { textHash: ta.textHash });
  await applyControl(facilitator, sessionId, { control: 'phase', phase: 'options' });
  await applyControl(facilitator, sessionId, { control: 'spotlight', spotlight: `issues/${ids.planning}` });
  return sessionId;
}
