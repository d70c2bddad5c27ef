import * as encoding from 'lib0/encoding';

/**
 * y-protocols sync envelopes: [messageType varUint][payload varUint8Array]. Untrusted
 * input is parsed here by hand with bounded loops (no library decoder on the event loop).
 */
export const SYNC_STEP1 = 0;
export const SYNC_STEP2 = 1;
export const SYNC_UPDATE = 2;
export type SyncMessageType = typeof SYNC_STEP1 | typeof SYNC_STEP2 | typeof SYNC_UPDATE;

function readVarUint(bytes: Uint8Array, start: number): { value: number; next: number } | null {
  let value = 0;
  let shift = 0;
  for (let i = start; i < bytes.length && i < start + 5; i++) {
    const b = bytes[i] ?? 0;
    value += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) return { value, next: i + 1 };
    shift += 7;
  }
  return null;
}

export function parseSyncMessage(bytes: Uint8Array): { type: SyncMessageType; payload: Uint8Array } | null {
  const type = readVarUint(bytes, 0);
  if (!type || (type.value !== SYNC_STEP1 && type.value !== SYNC_STEP2 && type.value !== SYNC_UPDATE)) return null;
  const len = readVarUint(bytes, type.next);
  if (!len || len.next + len.value !== bytes.length) return null;
  return { type: type.value, payload: bytes.subarray(len.next) };
}

export function encodeSyncMessage(type: SyncMessageType, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, type);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

/** An update with no structs and no deletions: what a client with nothing new sends as step 2. */
export function isEmptyUpdate(update: Uint8Array): boolean {
  return update.length === 2 && update[0] === 0 && update[1] === 0;
}

export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: Record<string, unknown> | null;
}

/** Parses an awareness update ([count]{clientID, clock, JSON state}) with bounds; null if malformed. */
export function parseAwarenessUpdate(bytes: Uint8Array, maxStateBytes: number): AwarenessEntry[] | null {
  const count = readVarUint(bytes, 0);
  if (!count || count.value > 64) return null;
  let pos = count.next;
  const out: AwarenessEntry[] = [];
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (let i = 0; i < count.value; i++) {
    const clientId = readVarUint(bytes, pos);
    if (!clientId) return null;
    const clock = readVarUint(bytes, clientId.next);
    if (!clock) return null;
    const len = readVarUint(bytes, clock.next);
    if (!len || len.value > maxStateBytes || len.next + len.value > bytes.length) return null;
    let state: unknown;
    try {
      state = JSON.parse(decoder.decode(bytes.subarray(len.next, len.next + len.value)));
    } catch {
      return null;
    }
    if (state !== null && (typeof state !== 'object' || Array.isArray(state))) return null;
    out.push({ clientId: clientId.value, clock: clock.value, state: state === null ? null : Object.fromEntries(Object.entries(state)) });
    pos = len.next + len.value;
  }
  return pos === bytes.length ? out : null;
}

export function encodeAwarenessEntries(entries: AwarenessEntry[]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(e, entry.clientId);
    encoding.writeVarUint(e, entry.clock);
    encoding.writeVarString(e, JSON.stringify(entry.state));
  }
  return encoding.toUint8Array(e);
}
