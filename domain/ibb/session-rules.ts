/**
 * Interest-based bargaining: the process steps, who plays which part in a session, and
 * the consensus rule. Pure; see ../shared/DOMAIN.md ("Interest-based bargaining").
 */
export const IBB_PHASES = [
  'ground_rules',
  'issues',
  'interests',
  'options',
  'criteria',
  'evaluation',
  'consensus',
  'single_text',
  'agreement',
] as const;
export type IbbPhase = (typeof IBB_PHASES)[number];

/** The two bargaining parties. Neutral people facilitate or observe; they never sign. */
export const BARGAINING_PARTIES = ['labor', 'management'] as const;
export type BargainingParty = (typeof BARGAINING_PARTIES)[number];

export const SESSION_ROLES = ['team_member', 'chief_spokesperson', 'facilitator', 'observer', 'note_taker', 'ta_drafter'] as const;
export type SessionRole = (typeof SESSION_ROLES)[number];

export function isBargainingParty(party: string): party is BargainingParty {
  return party === 'labor' || party === 'management';
}

export function otherParty(party: BargainingParty): BargainingParty {
  return party === 'labor' ? 'management' : 'labor';
}

export const CHECK_KINDS = ['fist_to_five', 'thumbs'] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];

/** Thumbs map onto the fist-to-five scale: up = 5, sideways = 3 (can live with it), down = 0. */
export const THUMB_VALUES = { up: 5, sideways: 3, down: 0 } as const;

export function isValidAnswer(kind: CheckKind, value: number): boolean {
  if (!Number.isInteger(value)) return false;
  if (kind === 'fist_to_five') return value >= 0 && value <= 5;
  return value === THUMB_VALUES.up || value === THUMB_VALUES.sideways || value === THUMB_VALUES.down;
}

export interface ConsensusAnswer {
  userId: string;
  party: BargainingParty;
  value: number;
}

export interface PartyTally {
  answered: number;
  min: number | null;
  mean: number | null;
  /** value → count */
  distribution: Record<number, number>;
  belowThreshold: number;
}

export interface ConsensusResult {
  /** Consensus when every answer is at or above the threshold and both parties answered. */
  reached: boolean;
  threshold: number;
  byParty: Record<BargainingParty, PartyTally>;
  /** Who is below the threshold: they may state a concern before a re-test. */
  belowThreshold: string[];
}

function tally(values: number[], threshold: number): PartyTally {
  const distribution: Record<number, number> = {};
  for (const v of values) distribution[v] = (distribution[v] ?? 0) + 1;
  return {
    answered: values.length,
    min: values.length ? Math.min(...values) : null,
    mean: values.length ? values.reduce((a, b) => a + b, 0) / values.length : null,
    distribution,
    belowThreshold: values.filter((v) => v < threshold).length,
  };
}

/** The session's decision rule (default: consensus when nobody is below 3), per party. */
export function evaluateConsensus(answers: ConsensusAnswer[], threshold = 3): ConsensusResult {
  const byParty = {
    labor: tally(answers.filter((a) => a.party === 'labor').map((a) => a.value), threshold),
    management: tally(answers.filter((a) => a.party === 'management').map((a) => a.value), threshold),
  };
  const belowThreshold = answers.filter((a) => a.value < threshold).map((a) => a.userId);
  return {
    reached: belowThreshold.length === 0 && byParty.labor.answered > 0 && byParty.management.answered > 0,
    threshold,
    byParty,
    belowThreshold,
  };
}

/**
 * The exact text a tentative agreement's initials bind to: Unicode NFC, LF line endings,
 * trailing spaces removed per line, no trailing blank lines. Hashing this (SHA-256) gives
 * the TA's fingerprint; the same text always gives the same hash.
 */
export function canonicalTaText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[ \t]+$/, ''))
    .join('\n')
    .replace(/\n+$/, '');
}
