import { sql } from 'drizzle-orm';
import { boolean, index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { PARTIES, ROLES } from '../../domain/partnership/roles';

export const partyEnum = pgEnum('party', PARTIES);
export const roleEnum = pgEnum('member_role', ROLES);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Stored lower-cased; unique. */
    email: text('email').notNull(),
    name: text('name').notNull(),
    /** argon2id encoded hash; null for people who only sign in through district SSO or have not accepted yet. */
    passwordHash: text('password_hash'),
    locale: text('locale'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('users_email_key').on(t.email)],
);

export const partnerships = pgTable('partnerships', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  districtName: text('district_name').notNull(),
  unionName: text('union_name').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const schools = pgTable(
  'schools',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id),
    name: text('name').notNull(),
    level: text('level', { enum: ['elementary', 'middle', 'high', 'other'] }).notNull(),
  },
  (t) => [index('schools_partnership_idx').on(t.partnershipId)],
);

/**
 * A person's place in a partnership. Revocation keeps the row (revokedAt) so history
 * and attribution stay intact; at most one active membership per person and partnership.
 */
export const memberships = pgTable(
  'memberships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    party: partyEnum('party').notNull(),
    role: roleEnum('role').notNull(),
    schoolId: uuid('school_id').references(() => schools.id),
    isAdmin: boolean('is_admin').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('memberships_active_key').on(t.partnershipId, t.userId).where(sql`${t.revokedAt} is null`),
    index('memberships_user_idx').on(t.userId),
  ],
);

/** Invitation links: only the SHA-256 of the token is stored. */
export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id),
    email: text('email').notNull(),
    name: text('name'),
    party: partyEnum('party').notNull(),
    role: roleEnum('role').notNull(),
    schoolId: uuid('school_id').references(() => schools.id),
    tokenHash: text('token_hash').notNull(),
    invitedBy: uuid('invited_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    acceptedBy: uuid('accepted_by').references(() => users.id),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('invitations_token_key').on(t.tokenHash), index('invitations_partnership_idx').on(t.partnershipId)],
);
