import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { CHECK_KINDS, IBB_PHASES, SESSION_ROLES } from '../../domain/ibb/session-rules';
import { partnerships, partyEnum, users } from './people';

export const ibbPhaseEnum = pgEnum('ibb_phase', IBB_PHASES);
export const ibbSessionRoleEnum = pgEnum('ibb_session_role', SESSION_ROLES);
export const ibbCheckKindEnum = pgEnum('ibb_check_kind', CHECK_KINDS);

/** A bargaining round: many meetings over weeks, one shared board, one caucus board per party. */
export const ibbSessions = pgTable(
  'ibb_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id),
    title: text('title').notNull(),
    startsOn: text('starts_on'),
    endsOn: text('ends_on'),
    impasseProcedure: text('impasse_procedure').notNull().default(''),
    /** Fist-to-five threshold: consensus when nobody answers below it. */
    consensusThreshold: integer('consensus_threshold').notNull().default(3),
    laborQuorum: integer('labor_quorum').notNull().default(1),
    managementQuorum: integer('management_quorum').notNull().default(1),
    phase: ibbPhaseEnum('phase').notNull().default('ground_rules'),
    isLocked: boolean('is_locked').notNull().default(false),
    /** The current activity's anonymity, announced to everyone; posts keep the mode they were made under. */
    anonymity: text('anonymity', { enum: ['named', 'party', 'anonymous'] }).notNull().default('named'),
    /** The board item everyone's view is drawn to, e.g. `issues/<id>`. */
    spotlight: text('spotlight'),
    /** Shared countdown: running until timerEndsAt, or paused with timerRemainingMs left. */
    timerEndsAt: timestamp('timer_ends_at', { withTimezone: true }),
    timerRemainingMs: integer('timer_remaining_ms'),
    /**
     * The timer was running when a party called a caucus and the caucus paused it: it
     * resumes when the last caucus ends (or runs out: the caucus-expiry sweep reads the
     * partial index below). Any facilitator timer or phase change clears it.
     */
    isTimerPausedByCaucus: boolean('is_timer_paused_by_caucus').notNull().default(false),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('ibb_sessions_partnership_idx').on(t.partnershipId),
    index('ibb_sessions_paused_by_caucus_idx').on(t.id).where(sql`${t.isTimerPausedByCaucus}`),
  ],
);

/** Who takes part in a session and how. Party comes from the person's membership. */
export const ibbParticipants = pgTable(
  'ibb_participants',
  {
    sessionId: uuid('session_id')
      .notNull()
      .references(() => ibbSessions.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    party: partyEnum('party').notNull(),
    role: ibbSessionRoleEnum('role').notNull(),
    /** May initial tentative agreements for their party (chief spokespersons always may). */
    isSigner: boolean('is_signer').notNull().default(false),
    /** The facilitator currently running the session (the role can be handed over). */
    isLead: boolean('is_lead').notNull().default(false),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('ibb_participants_key').on(t.sessionId, t.userId)],
);

/** A party invites facilitators into its caucus; nobody else can. */
export const ibbCaucusInvites = pgTable(
  'ibb_caucus_invites',
  {
    sessionId: uuid('session_id')
      .notNull()
      .references(() => ibbSessions.id),
    party: partyEnum('party').notNull(),
    invitedBy: uuid('invited_by')
      .notNull()
      .references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  },
  (t) => [index('ibb_caucus_invites_idx').on(t.sessionId, t.party)],
);

/** Public banner: "Labor in caucus until 14:30". Only the fact and the time, never content. */
export const ibbCaucusCalls = pgTable('ibb_caucus_calls', {
  id: uuid('id').primaryKey().defaultRandom(),
  sessionId: uuid('session_id')
    .notNull()
    .references(() => ibbSessions.id),
  party: partyEnum('party').notNull(),
  calledBy: uuid('called_by')
    .notNull()
    .references(() => users.id),
  calledAt: timestamp('called_at', { withTimezone: true }).notNull().defaultNow(),
  until: timestamp('until', { withTimezone: true }).notNull(),
  endedAt: timestamp('ended_at', { withTimezone: true }),
});

/**
 * A consensus check on a question (usually an issue's proposal). Answers are private until
 * the facilitator reveals them all at once. A re-test is a new row pointing at the previous
 * round, so every round is kept.
 */
export const ibbConsensusChecks = pgTable(
  'ibb_consensus_checks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => ibbSessions.id),
    /** The board item the check is about, e.g. `issues/<id>`. */
    subject: text('subject').notNull(),
    question: text('question').notNull(),
    kind: ibbCheckKindEnum('kind').notNull(),
    threshold: integer('threshold').notNull(),
    round: integer('round').notNull().default(1),
    previousCheckId: uuid('previous_check_id'),
    openedBy: uuid('opened_by')
      .notNull()
      .references(() => users.id),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
    revealedAt: timestamp('revealed_at', { withTimezone: true }),
  },
  (t) => [index('ibb_checks_session_idx').on(t.sessionId)],
);

/** Append-only: one answer per person per check; never updated. */
export const ibbConsensusAnswers = pgTable(
  'ibb_consensus_answers',
  {
    checkId: uuid('check_id')
      .notNull()
      .references(() => ibbConsensusChecks.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    party: partyEnum('party').notNull(),
    value: integer('value').notNull(),
    concern: text('concern'),
    answeredAt: timestamp('answered_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('ibb_answers_key').on(t.checkId, t.userId), check('ibb_answers_value', sql`${t.value} between 0 and 5`)],
);

/**
 * A tentative agreement's text for an issue. Its SHA-256 (of the canonical text) is what
 * initials bind to. Frozen once both parties initialed; a change is a new TA that
 * supersedes it.
 */
export const ibbTentativeAgreements = pgTable(
  'ibb_tentative_agreements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => ibbSessions.id),
    subject: text('subject').notNull(),
    title: text('title').notNull(),
    text: text('text').notNull(),
    textHash: text('text_hash').notNull(),
    isContingent: boolean('is_contingent').notNull().default(false),
    supersedesId: uuid('supersedes_id'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    frozenAt: timestamp('frozen_at', { withTimezone: true }),
    supersededAt: timestamp('superseded_at', { withTimezone: true }),
  },
  (t) => [index('ibb_tas_session_idx').on(t.sessionId)],
);

/** Append-only initials: one per party per TA, bound to the exact text hash and time. */
export const ibbTaInitials = pgTable(
  'ibb_ta_initials',
  {
    taId: uuid('ta_id')
      .notNull()
      .references(() => ibbTentativeAgreements.id),
    party: partyEnum('party').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    textHash: text('text_hash').notNull(),
    initialedAt: timestamp('initialed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('ibb_ta_initials_key').on(t.taId, t.party)],
);

/** Ratification (or rejection) of a TA by a side's membership or board. Append-only. */
export const ibbTaRatifications = pgTable(
  'ibb_ta_ratifications',
  {
    taId: uuid('ta_id')
      .notNull()
      .references(() => ibbTentativeAgreements.id),
    party: partyEnum('party').notNull(),
    outcome: text('outcome', { enum: ['ratified', 'rejected'] }).notNull(),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('ibb_ta_ratifications_key').on(t.taId, t.party)],
);

/** Raised hands: the speaking queue, in order of raising. */
export const ibbHands = pgTable(
  'ibb_hands',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => ibbSessions.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    raisedAt: timestamp('raised_at', { withTimezone: true }).notNull().defaultNow(),
    loweredAt: timestamp('lowered_at', { withTimezone: true }),
  },
  (t) => [index('ibb_hands_session_idx').on(t.sessionId)],
);

/** Who had the floor and for how long: the per-person and per-party speaking balance. */
export const ibbSpeakingTurns = pgTable(
  'ibb_speaking_turns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => ibbSessions.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    party: partyEnum('party').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [index('ibb_turns_session_idx').on(t.sessionId)],
);

/**
 * Each party's evaluation of an option: against a criterion (score 1–5) or an interest
 * (satisfies: 2 yes, 1 partial, 0 no). A party's current view; changed by its own members.
 */
export const ibbEvaluations = pgTable(
  'ibb_evaluations',
  {
    sessionId: uuid('session_id')
      .notNull()
      .references(() => ibbSessions.id),
    optionId: text('option_id').notNull(),
    targetKind: text('target_kind', { enum: ['criterion', 'interest'] }).notNull(),
    targetId: text('target_id').notNull(),
    party: partyEnum('party').notNull(),
    value: integer('value').notNull(),
    updatedBy: uuid('updated_by')
      .notNull()
      .references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('ibb_evaluations_key').on(t.sessionId, t.optionId, t.targetKind, t.targetId, t.party)],
);

/** A joint communiqué: the one statement to members, published only when both parties approve its exact text. */
export const ibbCommuniques = pgTable('ibb_communiques', {
  id: uuid('id').primaryKey().defaultRandom(),
  sessionId: uuid('session_id')
    .notNull()
    .references(() => ibbSessions.id),
  text: text('text').notNull(),
  textHash: text('text_hash').notNull(),
  proposedBy: uuid('proposed_by')
    .notNull()
    .references(() => users.id),
  proposedAt: timestamp('proposed_at', { withTimezone: true }).notNull().defaultNow(),
  publishedAt: timestamp('published_at', { withTimezone: true }),
});

export const ibbCommuniqueApprovals = pgTable(
  'ibb_communique_approvals',
  {
    communiqueId: uuid('communique_id')
      .notNull()
      .references(() => ibbCommuniques.id),
    party: partyEnum('party').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    textHash: text('text_hash').notNull(),
    approvedAt: timestamp('approved_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('ibb_communique_approvals_key').on(t.communiqueId, t.party)],
);
