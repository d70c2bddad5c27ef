import * as Y from 'yjs';
import { replaceText } from '../board/team-board';
import { SERVER_CLIENT_ID } from '../sync/protocol';

/**
 * The shared IBB board's Y.Doc (`ibb:<sessionId>`), defined once. Records of fact —
 * consensus checks, tentative agreements and their initials, evaluations, communiqué
 * approvals, the phase and timers — are NOT here: they are database rows changed through
 * validated server calls (server/ibb). This doc holds the drafts people write together.
 *
 *   groundRules:  Map<id, Map{ id, category, text: Text, order }>
 *   issues:       Map<id, Map{ id, title: Text, raisedBy, status, order }>
 *   interests:    Map<id, Map{ id, issueId, holder, kind, text: Text, group, mergedInto }>
 *   options:      Map<id, Map{ id, issueId, text: Text, buildsOn: Array<string>, cluster, postedAs, partyTag }>
 *   criteria:     Map<id, Map{ id, issueId|null, text: Text, isAgreed }>
 *   singleTexts:  Map<issueId, Map{ text: Text, version }>
 *   critiques:    Map<id, Map{ id, issueId, version, quote, party, text: Text }>
 *   parkingLot:   Map<id, Map{ id, text: Text }>
 *   actionItems:  Map<id, Map{ id, text: Text, laborOwner, managementOwner, due, isDone }>
 *   communique:   Map{ text: Text }
 */
export const GROUND_RULE_CATEGORIES = ['conduct', 'confidentiality', 'communications', 'caucus', 'recording', 'opting_out'] as const;
export type GroundRuleCategory = (typeof GROUND_RULE_CATEGORIES)[number];
export const ISSUE_STATUSES = ['open', 'in_progress', 'ta_reached', 'parked', 'withdrawn'] as const;
export type IssueStatus = (typeof ISSUE_STATUSES)[number];
export const RAISED_BY = ['labor', 'management', 'joint'] as const;
export type RaisedBy = (typeof RAISED_BY)[number];
export const INTEREST_HOLDERS = ['labor', 'management', 'mutual'] as const;
export type InterestHolder = (typeof INTEREST_HOLDERS)[number];
export const INTEREST_KINDS = ['substantive', 'procedural', 'relationship'] as const;
export type InterestKind = (typeof INTEREST_KINDS)[number];
/** How an option was posted; set by the activity's anonymity and never changed afterwards. */
export const POSTED_AS = ['named', 'party', 'anonymous'] as const;
export type PostedAs = (typeof POSTED_AS)[number];

export interface GroundRuleView { id: string; category: GroundRuleCategory; text: string; order: number }
export interface IssueView { id: string; title: string; raisedBy: RaisedBy; status: IssueStatus; order: number; creatorClientId: number | null }
export interface InterestView { id: string; issueId: string; holder: InterestHolder; kind: InterestKind; text: string; group: string | null; mergedInto: string | null; creatorClientId: number | null }
export interface OptionView { id: string; issueId: string; text: string; buildsOn: string[]; cluster: string | null; postedAs: PostedAs; partyTag: string | null; creatorClientId: number | null }
export interface CriterionView { id: string; issueId: string | null; text: string; isAgreed: boolean }
export interface SingleTextView { issueId: string; text: string; version: number }
export interface CritiqueView { id: string; issueId: string; version: number; quote: string; party: string; text: string }
export interface ParkingLotView { id: string; text: string }
export interface ActionItemView { id: string; text: string; laborOwner: string | null; managementOwner: string | null; due: string | null; isDone: boolean }

export interface IbbBoardView {
  groundRules: GroundRuleView[];
  issues: IssueView[];
  interests: InterestView[];
  options: OptionView[];
  criteria: CriterionView[];
  singleTexts: SingleTextView[];
  critiques: CritiqueView[];
  parkingLot: ParkingLotView[];
  actionItems: ActionItemView[];
  communique: string;
}

type Entry = Y.Map<unknown>;
const ROOTS = ['groundRules', 'issues', 'interests', 'options', 'criteria', 'singleTexts', 'critiques', 'parkingLot', 'actionItems'] as const;
type Root = (typeof ROOTS)[number];

function root(doc: Y.Doc, name: Root): Y.Map<Entry> {
  return doc.getMap(name);
}
function str(m: Entry, k: string): string {
  const v = m.get(k);
  return typeof v === 'string' ? v : '';
}
function strOrNull(m: Entry, k: string): string | null {
  const v = m.get(k);
  return typeof v === 'string' && v !== '' ? v : null;
}
function num(m: Entry, k: string): number {
  const v = m.get(k);
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}
function txt(m: Entry, k: string): string {
  const v = m.get(k);
  return v instanceof Y.Text ? v.toString() : '';
}
function oneOf<T extends string>(values: readonly T[], v: unknown, fallback: T): T {
  return values.find((x) => x === v) ?? fallback;
}
function newText(value: string): Y.Text {
  const t = new Y.Text();
  t.insert(0, value);
  return t;
}
function creator(m: Entry): number | null {
  return m._item ? m._item.id.client : null;
}
function entries(doc: Y.Doc, name: Root): [string, Entry][] {
  const out: [string, Entry][] = [];
  root(doc, name).forEach((m, id) => {
    if (m instanceof Y.Map) out.push([id, m]);
  });
  return out;
}

export const MAX_ITEM_TEXT = 4000;

export function readIbbBoard(doc: Y.Doc): IbbBoardView {
  const byOrder = <T extends { order: number; id: string }>(a: T, b: T) => a.order - b.order || a.id.localeCompare(b.id);
  return {
    groundRules: entries(doc, 'groundRules')
      .map(([id, m]) => ({ id, category: oneOf(GROUND_RULE_CATEGORIES, m.get('category'), 'conduct'), text: txt(m, 'text'), order: num(m, 'order') }))
      .sort(byOrder),
    issues: entries(doc, 'issues')
      .map(([id, m]) => ({
        id,
        title: txt(m, 'title'),
        raisedBy: oneOf(RAISED_BY, m.get('raisedBy'), 'joint'),
        status: oneOf(ISSUE_STATUSES, m.get('status'), 'open'),
        order: num(m, 'order'),
        creatorClientId: creator(m),
      }))
      .sort(byOrder),
    interests: entries(doc, 'interests').map(([id, m]) => ({
      id,
      issueId: str(m, 'issueId'),
      holder: oneOf(INTEREST_HOLDERS, m.get('holder'), 'mutual'),
      kind: oneOf(INTEREST_KINDS, m.get('kind'), 'substantive'),
      text: txt(m, 'text'),
      group: strOrNull(m, 'group'),
      mergedInto: strOrNull(m, 'mergedInto'),
      creatorClientId: creator(m),
    })),
    options: entries(doc, 'options').map(([id, m]) => {
      const b = m.get('buildsOn');
      // Only the server writes party-tagged and anonymous options (server/ibb/post-option.ts):
      // a tag written by a client is not believed, and the option counts as named.
      const isServerWritten = creator(m) === SERVER_CLIENT_ID;
      const postedAs = isServerWritten ? oneOf(POSTED_AS, m.get('postedAs'), 'named') : 'named';
      return {
        id,
        issueId: str(m, 'issueId'),
        text: txt(m, 'text'),
        buildsOn: b instanceof Y.Array ? b.toArray().filter((x): x is string => typeof x === 'string') : [],
        cluster: strOrNull(m, 'cluster'),
        postedAs,
        partyTag: postedAs === 'party' ? strOrNull(m, 'partyTag') : null,
        creatorClientId: creator(m),
      };
    }),
    criteria: entries(doc, 'criteria').map(([id, m]) => ({ id, issueId: strOrNull(m, 'issueId'), text: txt(m, 'text'), isAgreed: m.get('isAgreed') === true })),
    singleTexts: entries(doc, 'singleTexts').map(([issueId, m]) => ({ issueId, text: txt(m, 'text'), version: num(m, 'version') })),
    critiques: entries(doc, 'critiques').map(([id, m]) => ({
      id,
      issueId: str(m, 'issueId'),
      version: num(m, 'version'),
      quote: str(m, 'quote'),
      party: str(m, 'party'),
      text: txt(m, 'text'),
    })),
    parkingLot: entries(doc, 'parkingLot').map(([id, m]) => ({ id, text: txt(m, 'text') })),
    actionItems: entries(doc, 'actionItems').map(([id, m]) => ({
      id,
      text: txt(m, 'text'),
      laborOwner: strOrNull(m, 'laborOwner'),
      managementOwner: strOrNull(m, 'managementOwner'),
      due: strOrNull(m, 'due'),
      isDone: m.get('isDone') === true,
    })),
    communique: txt(doc.getMap('communique'), 'text'),
  };
}

function put(doc: Y.Doc, name: Root, id: string, fields: Record<string, unknown>): void {
  const m = new Y.Map<unknown>();
  for (const [k, v] of Object.entries(fields)) m.set(k, typeof v === 'string' && TEXT_FIELDS.has(k) ? newText(v.slice(0, MAX_ITEM_TEXT)) : v);
  root(doc, name).set(id, m);
}
const TEXT_FIELDS = new Set(['text', 'title']);

function nextOrder(doc: Y.Doc, name: Root): number {
  return entries(doc, name).reduce((max, [, m]) => Math.max(max, num(m, 'order')), 0) + 1;
}

export function setItemText(doc: Y.Doc, name: Root, id: string, field: 'text' | 'title', value: string): void {
  const t = root(doc, name).get(id)?.get(field);
  if (t instanceof Y.Text) replaceText(t, value.slice(0, MAX_ITEM_TEXT));
}
export function setItemField(doc: Y.Doc, name: Root, id: string, field: string, value: string | number | boolean | null): void {
  if (TEXT_FIELDS.has(field)) return;
  root(doc, name).get(id)?.set(field, value);
}
export function removeItem(doc: Y.Doc, name: Root, id: string): void {
  root(doc, name).delete(id);
}

export function addGroundRule(doc: Y.Doc, r: { id: string; category: GroundRuleCategory; text: string }): void {
  put(doc, 'groundRules', r.id, { id: r.id, category: r.category, text: r.text, order: nextOrder(doc, 'groundRules') });
}
export function addIssue(doc: Y.Doc, i: { id: string; title: string; raisedBy: RaisedBy }): void {
  put(doc, 'issues', i.id, { id: i.id, title: i.title, raisedBy: i.raisedBy, status: 'open', order: nextOrder(doc, 'issues') });
}
export function setIssueStatus(doc: Y.Doc, id: string, status: IssueStatus): void {
  root(doc, 'issues').get(id)?.set('status', status);
}
export function addInterest(doc: Y.Doc, i: { id: string; issueId: string; holder: InterestHolder; kind: InterestKind; text: string }): void {
  put(doc, 'interests', i.id, { ...i, group: null, mergedInto: null });
}
/** Facilitator's merge of duplicates: the duplicate stays (history) but points at the kept one. */
export function mergeInterest(doc: Y.Doc, duplicateId: string, keptId: string): void {
  if (duplicateId !== keptId) root(doc, 'interests').get(duplicateId)?.set('mergedInto', keptId);
}
export function addOption(doc: Y.Doc, o: { id: string; issueId: string; text: string; buildsOn?: string[]; postedAs: PostedAs; partyTag: string | null }): void {
  doc.transact(() => {
    const buildsOn = new Y.Array<string>();
    buildsOn.push(o.buildsOn ?? []);
    put(doc, 'options', o.id, { id: o.id, issueId: o.issueId, text: o.text, buildsOn, cluster: null, postedAs: o.postedAs, partyTag: o.postedAs === 'party' ? o.partyTag : null });
  });
}
export function addCriterion(doc: Y.Doc, c: { id: string; issueId: string | null; text: string }): void {
  put(doc, 'criteria', c.id, { id: c.id, issueId: c.issueId, text: c.text, isAgreed: false });
}
/** A new straw proposal replaces the previous one and bumps the version critiques refer to. */
export function setSingleText(doc: Y.Doc, issueId: string, text: string): void {
  doc.transact(() => {
    const existing = root(doc, 'singleTexts').get(issueId);
    const version = existing ? num(existing, 'version') + 1 : 1;
    put(doc, 'singleTexts', issueId, { text, version });
  });
}
export function addCritique(doc: Y.Doc, c: { id: string; issueId: string; version: number; quote: string; party: string; text: string }): void {
  put(doc, 'critiques', c.id, { ...c, quote: c.quote.slice(0, 1000) });
}
export function addParkingLotItem(doc: Y.Doc, p: { id: string; text: string }): void {
  put(doc, 'parkingLot', p.id, { id: p.id, text: p.text });
}
export function addActionItem(doc: Y.Doc, a: { id: string; text: string; laborOwner: string | null; managementOwner: string | null; due: string | null }): void {
  put(doc, 'actionItems', a.id, { ...a, isDone: false });
}
export function setCommunique(doc: Y.Doc, text: string): void {
  const m = doc.getMap<unknown>('communique');
  const t = m.get('text');
  if (t instanceof Y.Text) replaceText(t, text.slice(0, MAX_ITEM_TEXT * 4));
  else m.set('text', newText(text.slice(0, MAX_ITEM_TEXT * 4)));
}
