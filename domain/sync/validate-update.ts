import * as Y from 'yjs';

/**
 * Validation of an untrusted Yjs (v1) update against what the server holds. Pure; the
 * server runs it in a worker with time and memory limits (server/realtime/validator-pool)
 * because crafted bytes can make Yjs decoding loop or allocate without bound.
 */
export interface ValidateInput {
  update: Uint8Array;
  /** The server doc's state vector: clientID → next expected clock. */
  stateVector: [number, number][];
  /** ClientIDs already bound to the sender. */
  ownClients: number[];
  /** ClientIDs bound to somebody else. */
  foreignClients: number[];
}

export interface ValidateLimits {
  maxStructs: number;
  maxTotalLength: number;
  maxDeleteRanges: number;
  maxNewClients: number;
}

/**
 * How many new Yjs clientIDs one person may bring into one doc within an hour, and so at
 * most in one update. A browser writes under a fresh clientID on every page load, and a
 * device's offline copy holds one per load that edited without reaching the server, so a
 * step 2 after a long offline spell carries several. Each stays in the doc for good (its
 * state vector, which every transaction walks), so their number is bounded per person and
 * hour (`server/realtime/client-claims.ts`), not only per update.
 */
export const NEW_CLIENTS_PER_PERSON_HOUR = 64;

export const DEFAULT_VALIDATE_LIMITS: ValidateLimits = {
  maxStructs: 200_000,
  maxTotalLength: 4_000_000,
  maxDeleteRanges: 200_000,
  maxNewClients: NEW_CLIENTS_PER_PERSON_HOUR,
};

export type ValidateResult =
  | {
      ok: true;
      /** What to apply: the update minus content under other people's clientIDs; null if nothing new. */
      accepted: Uint8Array | null;
      /** Unbound clientIDs the accepted content writes with: bind them to the sender. */
      claimClients: number[];
      /** True when content under another person's clientID was left out. */
      droppedForeign: boolean;
    }
  | { ok: false; fatal: boolean; code: 'malformed_update' | 'update_rejected' | 'client_id_taken' | 'missing_dependencies'; message: string };

const FOREIGN_CLOCK = Number.MAX_SAFE_INTEGER;

type Struct = Y.Item | Y.GC | Y.Skip;

function isKnown(id: Y.ID | null, ctx: ValidateContext, ranges: Map<number, [number, number]>): boolean {
  if (id === null) return true;
  if (id.clock < ctx.clockOf(id.client)) return true;
  const r = ranges.get(id.client);
  return r !== undefined && id.clock >= r[0] && id.clock < r[1];
}

/**
 * What validation asks of the server's copy. The server answers from its live doc and
 * clientID bindings (nothing is copied per update); the worker builds it from a
 * `ValidateInput` snapshot.
 */
export interface ValidateContext {
  /** The next clock the server expects from `client` (0 when it has nothing from it). */
  clockOf(client: number): number;
  /** Whose clientID this is, seen from the sender. */
  ownerOf(client: number): 'own' | 'foreign' | 'unbound';
  /** The whole state vector; asked for only when the update has to be filtered. */
  stateVector(): Map<number, number>;
  /** Every clientID bound to somebody else; asked for only when filtering. */
  foreignClients(): Iterable<number>;
}

export function contextFromInput(input: Omit<ValidateInput, 'update'>): ValidateContext {
  const sv = new Map(input.stateVector);
  const own = new Set(input.ownClients);
  const foreign = new Set(input.foreignClients);
  return {
    clockOf: (client) => sv.get(client) ?? 0,
    ownerOf: (client) => (foreign.has(client) ? 'foreign' : own.has(client) ? 'own' : 'unbound'),
    stateVector: () => sv,
    foreignClients: () => foreign,
  };
}

export function validateUpdate(input: ValidateInput, limits: ValidateLimits = DEFAULT_VALIDATE_LIMITS): ValidateResult {
  return validateAgainst(input.update, contextFromInput(input), limits);
}

export function validateAgainst(update: Uint8Array, ctx: ValidateContext, limits: ValidateLimits = DEFAULT_VALIDATE_LIMITS): ValidateResult {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch (err) {
    return { ok: false, fatal: true, code: 'malformed_update', message: `not a Yjs update: ${err instanceof Error ? err.message : String(err)}` };
  }
  if (decoded.structs.length > limits.maxStructs) {
    return { ok: false, fatal: true, code: 'update_rejected', message: `too many structs (${decoded.structs.length})` };
  }
  let total = 0;
  let deleteRanges = 0;
  for (const s of decoded.structs) {
    if (!Number.isSafeInteger(s.id.clock) || !Number.isSafeInteger(s.length) || s.length < 0) {
      return { ok: false, fatal: true, code: 'malformed_update', message: 'struct clock or length out of range' };
    }
    total += s.length;
  }
  for (const [, items] of decoded.ds.clients) {
    deleteRanges += items.length;
    for (const d of items) if (!Number.isSafeInteger(d.clock) || !Number.isSafeInteger(d.len) || d.len < 0) total = Infinity;
  }
  if (total > limits.maxTotalLength || deleteRanges > limits.maxDeleteRanges) {
    return { ok: false, fatal: true, code: 'update_rejected', message: 'update exceeds size bounds' };
  }

  const claim = new Set<number>();
  let droppedForeign = false;
  let hasNewOwn = false;
  /** For each accepted client: the clock range this update adds, from the server's clock on. */
  const ranges = new Map<number, [number, number]>();

  for (const s of decoded.structs) {
    const client = s.id.client;
    const known = ctx.clockOf(client);
    const end = s.id.clock + s.length;
    if (end <= known || s instanceof Y.Skip) continue;
    const owner = ctx.ownerOf(client);
    if (owner === 'foreign') {
      droppedForeign = true;
      continue;
    }
    if (owner === 'unbound') claim.add(client);
    hasNewOwn = true;
    const r = ranges.get(client);
    if (r) r[1] = Math.max(r[1], end);
    else ranges.set(client, [known, end]);
    // Content must continue where the server's copy ends; a gap would leave it pending forever.
    if (!r && s.id.clock > known) {
      return { ok: false, fatal: false, code: 'missing_dependencies', message: `update for client ${client} starts past the server's clock` };
    }
  }
  if (claim.size > limits.maxNewClients) {
    return { ok: false, fatal: true, code: 'update_rejected', message: `more than ${limits.maxNewClients} new clientIDs in one update` };
  }
  // Every reference must point at content the server has or that this update brings.
  for (const s of decoded.structs) {
    if (!(s instanceof Y.Item) || !ranges.has(s.id.client) || s.id.clock + s.length <= ctx.clockOf(s.id.client)) continue;
    const parent = s.parent instanceof Y.ID ? s.parent : null;
    if (!isKnown(s.origin, ctx, ranges) || !isKnown(s.rightOrigin, ctx, ranges) || !isKnown(parent, ctx, ranges)) {
      return {
        ok: false,
        fatal: false,
        code: droppedForeign ? 'client_id_taken' : 'missing_dependencies',
        message: 'update depends on content the server does not have',
      };
    }
  }
  const hasDeletes = deleteRanges > 0;
  if (!hasNewOwn && droppedForeign && !hasDeletes) {
    return { ok: false, fatal: false, code: 'client_id_taken', message: 'content under another person’s clientID was refused' };
  }
  if (!hasNewOwn && !hasDeletes) return { ok: true, accepted: null, claimClients: [], droppedForeign };

  let accepted = update;
  if (droppedForeign || decoded.structs.some((s) => s.id.clock < ctx.clockOf(s.id.client))) {
    const filterVector = new Map(ctx.stateVector());
    for (const c of ctx.foreignClients()) filterVector.set(c, FOREIGN_CLOCK);
    for (const s of decoded.structs) if (!filterVector.has(s.id.client)) filterVector.set(s.id.client, 0);
    accepted = Y.diffUpdate(update, Y.encodeStateVector(filterVector));
  }
  return { ok: true, accepted, claimClients: [...claim], droppedForeign };
}
