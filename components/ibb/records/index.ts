/**
 * The records panels of an IBB session: consensus checks, tentative agreements, the
 * evaluation grid and the joint communiqué, plus the session-record export links. Each
 * panel takes the session's records, the shared board doc and the server actions to call.
 */
export { AgreementsPanel } from './agreements-panel';
export type { AgreementsPanelProps } from './agreements-panel';
export { CommuniquePanel } from './communique-panel';
export type { CommuniquePanelProps } from './communique-panel';
export { ConsensusPanel } from './consensus-panel';
export type { ConsensusPanelProps } from './consensus-panel';
export { EvaluationGrid } from './evaluation-grid';
export type { EvaluateInput, EvaluationGridProps } from './evaluation-grid';
export { ExportLinks } from './export-links';
export type { OpenCheckInput } from './open-check-form';
export type { ProposeTaInput } from './propose-ta-form';
export type { TaActions } from './ta-card';
export type { RecordPanelProps, RecordResult } from './types';
