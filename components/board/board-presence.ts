import type { Peer } from '../sync/use-doc';

/**
 * What a team board puts in awareness besides the server-filled `user`: the note being
 * edited, and a note being dragged with the column it is over. Drag positions live only
 * here; the doc receives the drop.
 */
export interface BoardPresence {
  focus: string | null;
  drag: { noteId: string; column: string } | null;
}

export const FOCUS_FIELD = 'focus';
export const DRAG_FIELD = 'drag';

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value.length <= 100 ? value : null;
}

export function boardPresenceOf(state: Record<string, unknown>): BoardPresence {
  const drag = state[DRAG_FIELD];
  const noteId = typeof drag === 'object' && drag !== null && 'noteId' in drag ? stringOrNull(drag.noteId) : null;
  const column = typeof drag === 'object' && drag !== null && 'column' in drag ? stringOrNull(drag.column) : null;
  return { focus: stringOrNull(state[FOCUS_FIELD]), drag: noteId && column ? { noteId, column } : null };
}

/** People (one entry each, however many tabs) with what they are doing on the board. */
export interface BoardPeer extends Peer {
  presence: BoardPresence;
}

export function boardPeers(peers: Peer[]): BoardPeer[] {
  return peers.map((p) => ({ ...p, presence: boardPresenceOf(p.state) }));
}

/** One avatar per person, excluding the viewer's own other tabs. */
export function distinctPeople(peers: Peer[], selfUserId: string): Peer[] {
  const seen = new Set<string>([selfUserId]);
  return peers.filter((p) => (seen.has(p.user.id) ? false : (seen.add(p.user.id), true)));
}
