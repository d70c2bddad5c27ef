import { and, asc, eq, gt, inArray, or, sql } from 'drizzle-orm';
import type { Db, PreparedStatement } from '../../db/client';
import { getDb, runPrepared } from '../../db/client';
import { docClients, docSnapshots, docUpdates, participationEvents } from '../../db/schema';
import type { YjsWorkerPool } from './yjs-worker-pool';
import { pgText } from '../../domain/text/pg-text';

/**
 * PostgreSQL is the source of truth for docs: a snapshot row plus the append-only
 * update log after it. Everything here works on PGlite and PostgreSQL alike.
 */

export interface StoredDoc {
  snapshot: Uint8Array | null;
  updates: Uint8Array[];
  /** The ids of `updates`' rows: what a snapshot built from this read may delete. */
  rowIds: number[];
  /** Highest doc_updates.id reflected (snapshot cover or last row). */
  lastUpdateId: number;
  logLength: number;
}

export async function readStoredDoc(docId: string): Promise<StoredDoc> {
  // The snapshot and the rows are read as of one moment (repeatable read): another node's
  // compaction committing between the two reads would otherwise delete rows this read then
  // misses while it still holds the older snapshot, and a compaction built on such a read
  // would write a snapshot without them.
  return getDb().transaction((tx) => readStoredDocIn(tx, docId), { isolationLevel: 'repeatable read', accessMode: 'read only' });
}

async function readStoredDocIn(db: Pick<Db, 'select'>, docId: string): Promise<StoredDoc> {
  const [snap] = await db.select().from(docSnapshots).where(eq(docSnapshots.docId, docId)).limit(1);
  const covers = snap?.coversUpdateId ?? 0;
  // Every remaining row, not only those after the snapshot's cover: a row whose id was
  // assigned before the cover but committed after the compaction read (another node's
  // write) survives the compaction's delete (which removes only the rows it read) and must
  // still be applied. Re-applying content the snapshot already has is a no-op.
  const rows = await db
    .select({ id: docUpdates.id, update: docUpdates.update })
    .from(docUpdates)
    .where(eq(docUpdates.docId, docId))
    .orderBy(asc(docUpdates.id));
  const last = rows.at(-1);
  return {
    snapshot: snap?.state ?? null,
    updates: rows.map((r) => r.update),
    rowIds: rows.map((r) => r.id),
    lastUpdateId: Math.max(covers, last?.id ?? 0),
    logLength: rows.length,
  };
}

/** How far back the catch-up re-reads rows it may have missed (see `readUpdatesSince`). */
export const LATE_ROW_WINDOW_MS = 30_000;

/**
 * What the catch-up needs from the log after `afterId`: the snapshot if another node
 * compacted past it, and the rows not yet looked at (`isHeld` says which ids this node
 * already has). Ids are read first and bytes only for the rows still wanted, so a busy
 * doc's pass costs a list of ids, not its last 30 s of updates; the snapshot's bytes are
 * read only when it is needed. All of it as of one moment, like `readStoredDoc`: a
 * compaction committing between two of these reads could otherwise delete rows that none
 * of them then sees.
 */
export async function readUpdatesSince(
  docId: string,
  afterId: number,
  isHeld: (rowId: number) => boolean = () => false,
): Promise<{ snapshot: Uint8Array | null; rows: { id: number; update: Uint8Array }[]; lastUpdateId: number }> {
  return getDb().transaction(
    async (db) => {
      const [snap] = await db.select({ covers: docSnapshots.coversUpdateId }).from(docSnapshots).where(eq(docSnapshots.docId, docId)).limit(1);
      // If another node compacted past what this node has seen, the rows are gone: take the snapshot.
      const cover = snap?.covers ?? 0;
      let snapshot: Uint8Array | null = null;
      if (cover > afterId) {
        const [full] = await db.select({ state: docSnapshots.state }).from(docSnapshots).where(eq(docSnapshots.docId, docId)).limit(1);
        snapshot = full?.state ?? null;
      }
      const from = Math.max(afterId, cover);
      // Ids are assigned at insert but become visible at commit, so a row with a lower id can
      // appear after a higher one was read (two nodes committing at once). Re-read a recent
      // window too; the caller skips rows it already holds.
      const listed = await db
        .select({ id: docUpdates.id })
        .from(docUpdates)
        .where(and(eq(docUpdates.docId, docId), or(gt(docUpdates.id, from), gt(docUpdates.createdAt, sql`now() - make_interval(secs => ${LATE_ROW_WINDOW_MS / 1000})`))));
      const wanted = listed.map((r) => r.id).filter((id) => !isHeld(id));
      const rows: { id: number; update: Uint8Array }[] = [];
      for (let i = 0; i < wanted.length; i += CATCH_UP_CHUNK_ROWS) {
        const chunk = wanted.slice(i, i + CATCH_UP_CHUNK_ROWS);
        rows.push(...(await db.select({ id: docUpdates.id, update: docUpdates.update }).from(docUpdates).where(inArray(docUpdates.id, chunk))));
      }
      rows.sort((a, b) => a.id - b.id);
      return { snapshot, rows, lastUpdateId: listed.reduce((m, r) => Math.max(m, r.id), from) };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

/** Ids per statement when the catch-up fetches the rows it lacks. */
const CATCH_UP_CHUNK_ROWS = 1000;

export async function readClientBindings(docId: string): Promise<Map<number, string>> {
  return new Map((await readClientBindingRows(docId)).map((r) => [r.clientId, r.userId]));
}

/**
 * Each clientID bound in a doc: to whom, and when it first wrote. With `withinSeconds`,
 * only those bound that recently by the database's clock (a long-lived board gathers a
 * binding per page load, thousands over its life).
 */
export async function readClientBindingRows(docId: string, withinSeconds?: number): Promise<{ clientId: number; userId: string; firstSeenAt: Date }[]> {
  const recent = withinSeconds === undefined ? undefined : gt(docClients.firstSeenAt, sql`now() - make_interval(secs => ${withinSeconds})`);
  return getDb()
    .select({ clientId: docClients.clientId, userId: docClients.userId, firstSeenAt: docClients.firstSeenAt })
    .from(docClients)
    .where(and(eq(docClients.docId, docId), recent));
}

/**
 * Binds `clientIds` in a doc to `userId` where no one holds them yet; resolves with those
 * that someone else holds (bound first, possibly by another node a moment ago). The
 * group commit's own insert of the same bindings then finds them and does nothing.
 */
export async function claimClientIds(docId: string, userId: string, clientIds: number[]): Promise<{ clientId: number; userId: string }[]> {
  const db = getDb();
  const inserted = await db
    .insert(docClients)
    .values(clientIds.map((clientId) => ({ docId, clientId, userId })))
    .onConflictDoNothing()
    .returning({ clientId: docClients.clientId });
  const mine = new Set(inserted.map((r) => r.clientId));
  const rest = clientIds.filter((c) => !mine.has(c));
  if (rest.length === 0) return [];
  // A separate statement: it sees a binding another transaction committed while the
  // insert above waited for it.
  const held = await db
    .select({ clientId: docClients.clientId, userId: docClients.userId })
    .from(docClients)
    .where(and(eq(docClients.docId, docId), inArray(docClients.clientId, rest)));
  return held.filter((r) => r.userId !== userId);
}

export interface ParticipationRow {
  partnershipId: string;
  actorId: string;
  kind: string;
  targetItem: string;
  targetAuthorId: string | null;
  size: number;
  at: Date;
}

export interface PendingWrite {
  update: Uint8Array;
  actorId: string | null;
  claimClients: number[];
  events: ParticipationRow[];
}

/** One doc's write, as the node-wide group commit hands it over. */
export interface DocWrite {
  docId: string;
  write: PendingWrite;
}

/**
 * Appends a batch of updates for one doc, their clientID bindings and participation
 * events, atomically. Resolves with the highest new row id once committed.
 */
export async function appendUpdates(docId: string, writes: PendingWrite[]): Promise<number> {
  const ids = await appendUpdateBatch(writes.map((write) => ({ docId, write })));
  return Math.max(...ids);
}

/**
 * The hottest statement in Accord (every edit of every board): the update rows, the
 * clientID bindings and the participation events of a batch, in one statement (data-
 * modifying CTEs: one round trip, atomic without an explicit transaction). Its shape is
 * fixed (arrays unnested), so it is prepared once and planned once. Free text and bytes
 * travel hex-encoded: every argument is then literal-safe (see `runPrepared`). Column
 * names are the schema's (db/schema/realtime.ts).
 */
const APPEND_UPDATES: PreparedStatement = {
  name: 'accord_append_updates_v1',
  types: ['text[]', 'text[]', 'uuid[]', 'text[]', 'bigint[]', 'uuid[]', 'uuid[]', 'text[]', 'uuid[]', 'text[]', 'text[]', 'uuid[]', 'int[]', 'timestamptz[]'],
  text: `with u as (
  insert into doc_updates (doc_id, update, actor_id)
  select convert_from(decode(d, 'hex'), 'UTF8'), decode(b, 'hex'), a
  from unnest($1::text[], $2::text[], $3::uuid[]) as t(d, b, a)
  returning id
), c as (
  insert into doc_clients (doc_id, client_id, user_id)
  select convert_from(decode(d, 'hex'), 'UTF8'), c, a
  from unnest($4::text[], $5::bigint[], $6::uuid[]) as t(d, c, a)
  on conflict do nothing
), e as (
  insert into participation_events (partnership_id, doc_id, actor_id, kind, target_item, target_author_id, size, at)
  select p, convert_from(decode(d, 'hex'), 'UTF8'), a, convert_from(decode(k, 'hex'), 'UTF8'), convert_from(decode(ti, 'hex'), 'UTF8'), ta, s, at
  from unnest($7::uuid[], $8::text[], $9::uuid[], $10::text[], $11::text[], $12::uuid[], $13::int[], $14::timestamptz[]) as t(p, d, a, k, ti, ta, s, at)
)
select array_agg(id::text order by id) as ids from u`,
};

const hexText = (s: string) => Buffer.from(pgText(s), 'utf8').toString('hex');
const hexBytes = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');

/**
 * Appends writes of any number of docs in one statement. Resolves with each write's row
 * id, in the order given, once committed.
 */
export async function appendUpdateBatch(batch: DocWrite[]): Promise<number[]> {
  if (batch.length === 0) return [];
  const bytes = batch.reduce((n, { write: w }) => n + w.update.byteLength, 0);
  const events = batch.reduce((n, { write: w }) => n + w.events.length + w.claimClients.length, 0);
  if (batch.length > MAX_STATEMENT_ROWS || events > MAX_STATEMENT_ROWS || bytes > MAX_STATEMENT_BYTES) return appendInChunks(batch);
  const docs: string[] = [];
  const updates: string[] = [];
  const actors: (string | null)[] = [];
  const claimDocs: string[] = [];
  const claimClients: number[] = [];
  const claimUsers: string[] = [];
  const ev = { partnership: [] as string[], doc: [] as string[], actor: [] as string[], kind: [] as string[], target: [] as string[], author: [] as (string | null)[], size: [] as number[], at: [] as string[] };
  for (const { docId, write: w } of batch) {
    const doc = hexText(docId);
    docs.push(doc);
    updates.push(hexBytes(w.update));
    actors.push(w.actorId);
    if (w.actorId) {
      for (const clientId of w.claimClients) {
        claimDocs.push(doc);
        claimClients.push(clientId);
        claimUsers.push(w.actorId);
      }
    }
    for (const e of w.events) {
      ev.partnership.push(e.partnershipId);
      ev.doc.push(doc);
      ev.actor.push(e.actorId);
      ev.kind.push(hexText(e.kind));
      ev.target.push(hexText(e.targetItem));
      ev.author.push(e.targetAuthorId);
      ev.size.push(e.size);
      ev.at.push(e.at.toISOString());
    }
  }
  const [row] = await runPrepared(APPEND_UPDATES, [docs, updates, actors, claimDocs, claimClients, claimUsers, ev.partnership, ev.doc, ev.actor, ev.kind, ev.target, ev.author, ev.size, ev.at]);
  return parseIds(row?.ids, batch.length);
}

function parseIds(value: unknown, expected: number): number[] {
  // PGlite and node-postgres both parse text[] into an array of strings.
  const ids = Array.isArray(value) ? value.map(Number) : [];
  if (ids.length !== expected || !ids.every(Number.isSafeInteger)) throw new Error('append returned unexpected row ids');
  return ids;
}

/** Beyond these, a batch goes through `appendInChunks`. */
const MAX_STATEMENT_ROWS = 2000;
const MAX_STATEMENT_BYTES = 4 * 1024 * 1024;
const CHUNK_ROWS = 1000;

/** A batch too large for one statement (say, a paste that touched thousands of items): one transaction, in chunks. */
async function appendInChunks(batch: DocWrite[]): Promise<number[]> {
  return getDb().transaction(async (tx) => {
    const ids: number[] = [];
    for (let i = 0; i < batch.length; i += CHUNK_ROWS) {
      const rows = await tx
        .insert(docUpdates)
        .values(batch.slice(i, i + CHUNK_ROWS).map(({ docId, write: w }) => ({ docId, update: w.update, actorId: w.actorId })))
        .returning({ id: docUpdates.id });
      ids.push(...rows.map((r) => r.id).sort((a, b) => a - b));
    }
    const bindings = batch.flatMap(({ docId, write: w }) => (w.actorId ? w.claimClients.map((clientId) => ({ docId, clientId, userId: w.actorId ?? '' })) : []));
    for (let i = 0; i < bindings.length; i += CHUNK_ROWS) await tx.insert(docClients).values(bindings.slice(i, i + CHUNK_ROWS)).onConflictDoNothing();
    const events = batch.flatMap(({ docId, write: w }) => w.events.map((e) => ({ ...e, docId })));
    for (let i = 0; i < events.length; i += CHUNK_ROWS) await tx.insert(participationEvents).values(events.slice(i, i + CHUNK_ROWS));
    return ids;
  });
}

export async function countLog(docId: string): Promise<number> {
  const [row] = await getDb().select({ n: sql<number>`count(*)::int` }).from(docUpdates).where(eq(docUpdates.docId, docId));
  return row?.n ?? 0;
}

/**
 * Folds the doc's log into its snapshot: the merge runs in a worker (Y.Doc apply, not
 * mergeUpdates), then one transaction writes the snapshot and deletes the covered rows.
 */
export async function compactDoc(docId: string, pool: YjsWorkerPool): Promise<{ folded: number }> {
  const stored = await readStoredDoc(docId);
  if (stored.logLength === 0) return { folded: 0 };
  const { state } = await pool.merge(stored.snapshot, stored.updates);
  return writeSnapshot(docId, state, stored.lastUpdateId, stored.rowIds);
}

/**
 * Stores `state` as the doc's snapshot covering every update up to `coversUpdateId` and
 * deletes those rows, in one transaction. An advisory lock per doc keeps two nodes from
 * doing it at once; an older cover never replaces a newer one.
 */
/**
 * Stores `state` as the doc's snapshot and deletes the log rows it was built from: exactly
 * `foldedRowIds`, not every row up to the cover. Ids are assigned at insert and rows become
 * visible at commit, so with several nodes a row with a lower id can commit after the log
 * was read; deleting by id range would drop it unfolded.
 */
export async function writeSnapshot(docId: string, state: Uint8Array, coversUpdateId: number, foldedRowIds: number[]): Promise<{ folded: number }> {
  // One array literal, not a parameter per id: a long log has more ids than a statement
  // may have parameters.
  const ids = `{${foldedRowIds.map((id) => String(Math.trunc(id))).join(',')}}`;
  return getDb().transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${docId}))`);
    const [snap] = await tx.select({ covers: docSnapshots.coversUpdateId }).from(docSnapshots).where(eq(docSnapshots.docId, docId)).for('update');
    if (snap && snap.covers >= coversUpdateId) return { folded: 0 };
    await tx
      .insert(docSnapshots)
      .values({ docId, state, coversUpdateId })
      .onConflictDoUpdate({ target: docSnapshots.docId, set: { state, coversUpdateId, updatedAt: new Date() } });
    const deleted = await tx
      .delete(docUpdates)
      .where(and(eq(docUpdates.docId, docId), sql`${docUpdates.id} = any(${ids}::bigint[])`))
      .returning({ id: docUpdates.id });
    return { folded: deleted.length };
  });
}
