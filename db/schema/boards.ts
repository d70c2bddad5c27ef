import { boolean, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { partnerships, partyEnum, users } from './people';

/**
 * Simple shared boards (sticky notes in columns). A board private to one party is that
 * party's caucus space: only its members (and facilitators, when invited) may open it.
 */
export const boards = pgTable(
  'boards',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id),
    title: text('title').notNull(),
    privateToParty: partyEnum('private_to_party'),
    facilitatorsInvited: boolean('facilitators_invited').notNull().default(false),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
  },
  (t) => [index('boards_partnership_idx').on(t.partnershipId)],
);
