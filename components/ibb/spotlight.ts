import type { IbbBoardView } from '../../domain/ibb/ibb-board';

/**
 * The spotlight is one string on the session record, `<kind>:<item id>`, so the projector
 * and every screen resolve the same item from their own copy of the board.
 */
export const SPOTLIGHT_KINDS = ['groundRule', 'issue', 'interest', 'option', 'criterion', 'singleText', 'parkingLot', 'actionItem'] as const;
export type SpotlightKind = (typeof SPOTLIGHT_KINDS)[number];

export function spotlightKey(kind: SpotlightKind, id: string): string {
  return `${kind}:${id}`;
}

export function parseSpotlight(value: string | null): { kind: SpotlightKind; id: string } | null {
  if (!value) return null;
  const at = value.indexOf(':');
  const kind = SPOTLIGHT_KINDS.find((k) => k === value.slice(0, at));
  const id = value.slice(at + 1);
  return kind && id ? { kind, id } : null;
}

export interface SpotlightItem {
  kind: SpotlightKind;
  text: string;
  /** The issue the item belongs to, when it belongs to one. */
  issueTitle: string | null;
}

/** What the spotlight points at on this board, or null if the item is gone (or not synced yet). */
export function spotlightItem(board: IbbBoardView, value: string | null): SpotlightItem | null {
  const target = parseSpotlight(value);
  if (!target) return null;
  const issueTitle = (issueId: string | null) => (issueId ? (board.issues.find((i) => i.id === issueId)?.title ?? null) : null);
  const found = (text: string, issueId: string | null = null): SpotlightItem => ({ kind: target.kind, text, issueTitle: issueTitle(issueId) });
  const { id } = target;
  switch (target.kind) {
    case 'groundRule': {
      const r = board.groundRules.find((x) => x.id === id);
      return r ? found(r.text) : null;
    }
    case 'issue': {
      const i = board.issues.find((x) => x.id === id);
      return i ? found(i.title) : null;
    }
    case 'interest': {
      const i = board.interests.find((x) => x.id === id);
      return i ? found(i.text, i.issueId) : null;
    }
    case 'option': {
      const o = board.options.find((x) => x.id === id);
      return o ? found(o.text, o.issueId) : null;
    }
    case 'criterion': {
      const c = board.criteria.find((x) => x.id === id);
      return c ? found(c.text, c.issueId) : null;
    }
    case 'singleText': {
      const s = board.singleTexts.find((x) => x.issueId === id);
      return s ? found(s.text, s.issueId) : null;
    }
    case 'parkingLot': {
      const p = board.parkingLot.find((x) => x.id === id);
      return p ? found(p.text) : null;
    }
    case 'actionItem': {
      const a = board.actionItems.find((x) => x.id === id);
      return a ? found(a.text) : null;
    }
  }
}
