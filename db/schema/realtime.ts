import { bigint, bigserial, customType, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { partnerships, users } from './people';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  // Both drivers return Buffer/Uint8Array; normalise to a plain Uint8Array view.
  fromDriver: (v) => new Uint8Array(v.buffer, v.byteOffset, v.byteLength),
  toDriver: (v) => Buffer.from(v.buffer, v.byteOffset, v.byteLength),
});

/**
 * The append-only Yjs update log. A row exists before its update is acknowledged to the
 * sender ("ack means durable"); compaction folds old rows into doc_snapshots.
 */
export const docUpdates = pgTable(
  'doc_updates',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    docId: text('doc_id').notNull(),
    update: bytea('update').notNull(),
    actorId: uuid('actor_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('doc_updates_doc_idx').on(t.docId, t.id)],
);

/** One row per doc: the state covering every update with id <= coversUpdateId. */
export const docSnapshots = pgTable('doc_snapshots', {
  docId: text('doc_id').primaryKey(),
  state: bytea('state').notNull(),
  coversUpdateId: bigint('covers_update_id', { mode: 'number' }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Each Yjs clientID is bound to the person who first wrote with it, per doc. */
export const docClients = pgTable(
  'doc_clients',
  {
    docId: text('doc_id').notNull(),
    clientId: bigint('client_id', { mode: 'number' }).notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.docId, t.clientId] })],
);

/**
 * Who did what, derived by the server from what each update changed (never from user
 * ids written into a doc). Feeds participation analytics.
 */
export const participationEvents = pgTable(
  'participation_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id),
    docId: text('doc_id').notNull(),
    actorId: uuid('actor_id')
      .notNull()
      .references(() => users.id),
    /** created | edited | deleted | commented | reacted */
    kind: text('kind').notNull(),
    /** The board item touched, e.g. `notes/<noteId>`. */
    targetItem: text('target_item').notNull(),
    /** Who created that item (null when unknown, e.g. server-made content). */
    targetAuthorId: uuid('target_author_id').references(() => users.id),
    /** How many Yjs structs the change touched: a rough size of the contribution. */
    size: integer('size').notNull().default(1),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('participation_events_partnership_idx').on(t.partnershipId, t.at), index('participation_events_doc_idx').on(t.docId)],
);
