import { NextIntlClientProvider } from 'next-intl';
import { createElement } from 'react';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import en from '../../../app/i18n/messages/en.json';
import { addCriterion, addIssue, addOption, setCommunique, setSingleText } from '../../../domain/ibb/ibb-board';
import { evaluateConsensus } from '../../../domain/ibb/session-rules';
import type { CheckView, SessionState, TaView } from '../../../domain/ibb/views';
import { AgreementsPanel, CommuniquePanel, ConsensusPanel, EvaluationGrid } from './index';

const R = en.ibbRecords;
const ok = async () => ({ ok: true as const, data: { id: 'x', textHash: 'h', isFrozen: false, isPublished: false } });

function board(): Y.Doc {
  const doc = new Y.Doc();
  addIssue(doc, { id: 'i1', title: 'How can we keep classes small?', raisedBy: 'joint' });
  addOption(doc, { id: 'o1', issueId: 'i1', text: 'Cap K–3 at 24', postedAs: 'named', partyTag: null });
  addCriterion(doc, { id: 'c1', issueId: null, text: 'Affordable' });
  setSingleText(doc, 'i1', 'Article 12 — Class size');
  setCommunique(doc, 'Draft statement');
  return doc;
}

function state(me: Partial<SessionState['me']>, records: Partial<SessionState> = {}): SessionState {
  return {
    id: 's1',
    partnershipId: 'p1',
    title: 'Session',
    startsOn: null,
    endsOn: null,
    impasseProcedure: '',
    consensusThreshold: 3,
    quorum: { labor: 1, management: 1 },
    phase: 'consensus',
    isLocked: false,
    anonymity: 'named',
    spotlight: null,
    timer: { endsAt: null, remainingMs: null },
    me: { userId: 'u-me', party: 'labor', role: 'team_member', isSigner: false, isLead: false, canInitial: false, ...me },
    participants: [
      { userId: 'u-lc', name: 'Lena Labor', party: 'labor', role: 'chief_spokesperson', isSigner: false, isLead: false },
      { userId: 'u-mc', name: 'Marco Management', party: 'management', role: 'chief_spokesperson', isSigner: false, isLead: false },
    ],
    caucuses: [],
    myCaucusDocIds: [],
    isFacilitatorInvitedToMyCaucus: false,
    queue: [],
    speaker: null,
    balance: { byPerson: {}, byParty: {} },
    checks: [],
    agreements: [],
    evaluations: [],
    communiques: [],
    ...records,
  };
}

function render(element: ReactElement): string {
  return renderToStaticMarkup(createElement(NextIntlClientProvider, { locale: 'en', messages: en, timeZone: 'UTC', children: element }));
}

const openCheck: CheckView = {
  id: 'k1',
  subject: 'issues/i1',
  question: 'Can everyone live with the caps?',
  kind: 'fist_to_five',
  round: 1,
  previousCheckId: null,
  threshold: 3,
  isRevealed: false,
  answeredByParty: { labor: 2, management: 1 },
  myAnswer: null,
  result: null,
  concerns: [],
};

const ta: TaView = {
  id: 't1',
  subject: 'issues/i1',
  title: 'Class size',
  text: 'Article 12 — Class size',
  textHash: 'f'.repeat(64),
  isContingent: false,
  supersedesId: null,
  isFrozen: false,
  isSuperseded: false,
  initials: [{ party: 'management', userId: 'u-mc', textHash: 'f'.repeat(64), initialedAt: new Date('2026-11-02T14:30:00Z') }],
  ratifications: [],
  isVerified: true,
};

describe('records panels', () => {
  it('consensus: before the reveal a team member sees only counts per party and the answer buttons', () => {
    const html = render(createElement(ConsensusPanel, { state: state({}, { checks: [openCheck] }), doc: board(), onChanged: () => {}, onOpenCheck: ok, onAnswer: ok, onReveal: ok, onRetest: ok }));
    expect(html).toContain('How can we keep classes small?');
    expect(html).toContain(R.consensus.answeredSoFar);
    expect(html).toContain(R.consensus.fistHint);
    expect(html).not.toContain(R.consensus.reveal);
    expect(html).not.toContain(R.consensus.reached);
    expect(html).not.toContain(R.consensus.openTitle);
  });

  it('consensus: after the reveal, bars by party, the outcome and concerns by party; the facilitator can re-test', () => {
    const answers = [
      { userId: 'a', party: 'labor' as const, value: 4 },
      { userId: 'b', party: 'management' as const, value: 1 },
    ];
    const revealed: CheckView = { ...openCheck, isRevealed: true, result: evaluateConsensus(answers), concerns: [{ party: 'management', value: 1, concern: 'Year-one cost' }] };
    const html = render(createElement(ConsensusPanel, { state: state({ party: 'neutral', role: 'facilitator' }, { checks: [revealed] }), doc: board(), onChanged: () => {}, onOpenCheck: ok, onAnswer: ok, onReveal: ok, onRetest: ok }));
    expect(html).toContain(R.consensus.notReached);
    expect(html).toContain('Year-one cost');
    expect(html).toContain(R.consensus.retest);
    expect(html).toContain(R.consensus.openTitle);
    expect(html).not.toContain(R.consensus.fistHint);
  });

  it('agreements: the labor spokesperson may initial; the text, hash, verification and the other party’s initials show', () => {
    const html = render(
      createElement(AgreementsPanel, { state: state({ userId: 'u-lc', role: 'chief_spokesperson', canInitial: true }, { agreements: [ta] }), doc: board(), onChanged: () => {}, onPropose: ok, onInitial: ok, onRatify: ok }),
    );
    expect(html).toContain('Article 12 — Class size');
    expect(html).toContain('f'.repeat(64));
    expect(html).toContain(R.agreements.verified);
    expect(html).toContain('Initialed by Marco Management');
    expect(html).toContain('Initial for Labor');
    expect(html).not.toContain(R.agreements.propose);
  });

  it('agreements: a team member cannot initial; a frozen agreement offers no initials', () => {
    const member = render(createElement(AgreementsPanel, { state: state({}, { agreements: [ta] }), doc: board(), onChanged: () => {}, onPropose: ok, onInitial: ok, onRatify: ok }));
    expect(member).not.toContain('Initial for');
    const frozen = { ...ta, isFrozen: true, initials: [...ta.initials, { party: 'labor', userId: 'u-lc', textHash: ta.textHash, initialedAt: new Date() }] };
    const chief = render(createElement(AgreementsPanel, { state: state({ role: 'chief_spokesperson', canInitial: true }, { agreements: [frozen] }), doc: board(), onChanged: () => {}, onPropose: ok, onInitial: ok, onRatify: ok }));
    expect(chief).toContain(R.agreements.frozen);
    expect(chief).not.toContain('Initial for');
  });

  it('evaluation: each party edits only its own column; dissent is flagged', () => {
    const cells = [{ optionId: 'o1', targetKind: 'criterion' as const, targetId: 'c1', labor: 5, management: 2, isDissent: true }];
    const html = render(createElement(EvaluationGrid, { state: state({}, { evaluations: cells }), doc: board(), onChanged: () => {}, onEvaluate: ok }));
    expect(html).toContain('Cap K–3 at 24');
    expect(html).toContain(R.evaluation.dissent);
    expect(html.match(/<select/g)?.length).toBe(2); // the issue picker and labor's one cell (no interests yet)
    expect(html).toContain('aria-label="Labor score for O1 against “Affordable”"');
    expect(html).not.toContain('Management score for');
  });

  it('communiqué: the facilitator proposes the board draft; a spokesperson approves only the newest text', () => {
    const fac = render(createElement(CommuniquePanel, { state: state({ party: 'neutral', role: 'facilitator' }), doc: board(), onChanged: () => {}, onPropose: ok, onApprove: ok }));
    expect(fac).toContain('Draft statement');
    expect(fac).toContain(R.communique.propose);
    const older = { id: 'm0', text: 'Old text', textHash: 'a'.repeat(64), proposedAt: new Date('2026-11-01T10:00:00Z'), publishedAt: null, approvedBy: [] };
    const newest = { ...older, id: 'm1', text: 'New text', proposedAt: new Date('2026-11-02T10:00:00Z') };
    const chief = render(createElement(CommuniquePanel, { state: state({ role: 'chief_spokesperson' }, { communiques: [newest, older] }), doc: board(), onChanged: () => {}, onPropose: ok, onApprove: ok }));
    expect(chief.match(/Approve for Labor/g)?.length).toBe(1);
    expect(chief).toContain(R.communique.replaced);
  });
});
