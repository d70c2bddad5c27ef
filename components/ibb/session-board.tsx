'use client';

import { useTranslations } from 'next-intl';
import { ActionItemsSection } from './action-items-section';
import { CommuniqueDraftSection } from './communique-draft-section';
import { CriteriaSection } from './criteria-section';
import { GroundRulesSection } from './ground-rules-section';
import { InterestsSection } from './interests-section';
import { IssuesSection } from './issues-section';
import { BoardSection } from './item-parts';
import { OptionsSection } from './options-section';
import { ParkingLotSection } from './parking-lot-section';
import { READY_PREFIX } from './ready-subject';
import { AgreementsPanel, CommuniquePanel, ConsensusPanel, EvaluationGrid, ExportLinks } from './records';
import { useSession } from './session-context';
import { SingleTextSection } from './single-text-section';

/**
 * The board, one section per step in process order (the current step marked), then what
 * runs through every step: parking lot, action items, the joint communiqué, the record.
 */
export function SessionBoard() {
  const t = useTranslations('ibbSession');
  const { state, doc, records, refresh } = useSession();
  const is = (phase: typeof state.phase) => state.phase === phase;
  const panel = { state, doc, onChanged: refresh };
  return (
    <>
      <GroundRulesSection isCurrent={is('ground_rules')} />
      <IssuesSection isCurrent={is('issues')} />
      <InterestsSection isCurrent={is('interests')} />
      <OptionsSection isCurrent={is('options')} />
      <CriteriaSection isCurrent={is('criteria')} />
      <BoardSection id="phase-evaluation" title={t('phases.evaluation')} isCurrent={is('evaluation')} isTitleVisible={false}>
        <EvaluationGrid {...panel} onEvaluate={records.onEvaluate} />
      </BoardSection>
      <BoardSection id="phase-consensus" title={t('phases.consensus')} isCurrent={is('consensus')} isTitleVisible={false}>
        {/* "Ready to move on?" checks have their own place beside the board (ReadyCheck). */}
        <ConsensusPanel {...panel} state={{ ...state, checks: state.checks.filter((c) => !c.subject.startsWith(READY_PREFIX)) }} onOpenCheck={records.onOpenCheck} onAnswer={records.onAnswer} onReveal={records.onReveal} onRetest={records.onRetest} />
      </BoardSection>
      <SingleTextSection isCurrent={is('single_text')} />
      <BoardSection id="phase-agreement" title={t('phases.agreement')} isCurrent={is('agreement')} isTitleVisible={false}>
        <AgreementsPanel {...panel} {...records.agreements} />
      </BoardSection>
      <ParkingLotSection />
      <ActionItemsSection />
      <CommuniqueDraftSection>
        <div className="mt-4">
          <CommuniquePanel {...panel} onPropose={records.onProposeCommunique} onApprove={records.onApproveCommunique} />
        </div>
      </CommuniqueDraftSection>
      <section aria-label={t('record')} className="card">
        <ExportLinks sessionId={state.id} />
      </section>
    </>
  );
}
