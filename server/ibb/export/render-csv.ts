import { csvDocument } from '../../export/csv';
import type { SessionRecord } from './gather-session-record';

/**
 * One flat, machine-readable CSV for the whole record: a `section` column says what each
 * row is, the other columns are filled where they apply. Values are the stored codes
 * (`labor`, `ta_reached`, ISO times), not translated labels, so the file reads the same
 * in every language.
 */
export const CSV_COLUMNS = ['section', 'id', 'parent_id', 'party', 'name', 'kind', 'status', 'title', 'text', 'value', 'labor', 'management', 'flag', 'hash', 'time', 'detail'] as const;
type Column = (typeof CSV_COLUMNS)[number];
type Row = Partial<Record<Column, string | number | boolean | null>>;

function rows(r: SessionRecord): Row[] {
  const s = r.session;
  const out: Row[] = [
    { section: 'session', id: s.id, title: s.title, name: s.partnershipName, status: s.phase, value: s.consensusThreshold, labor: s.quorum.labor, management: s.quorum.management, time: r.generatedAt, detail: [s.startsOn ?? '', s.endsOn ?? ''].join('/'), text: s.impasseProcedure },
  ];
  for (const p of r.participants) out.push({ section: 'participant', name: p.name, party: p.party, kind: p.role, flag: p.isSigner });
  for (const g of r.groundRules) out.push({ section: 'ground_rule', id: g.id, kind: g.category, text: g.text });
  for (const i of r.issues) out.push({ section: 'issue', id: i.id, party: i.raisedBy, status: i.status, title: i.title, value: i.order });
  for (const i of r.interests) out.push({ section: 'interest', id: i.id, parent_id: i.issueId, party: i.holder, kind: i.kind, text: i.text, detail: i.mergedInto ? `merged_into:${i.mergedInto}` : i.group });
  for (const o of r.options) out.push({ section: 'option', id: o.id, parent_id: o.issueId, kind: o.postedAs, name: o.author, party: o.partyTag, text: o.text, title: o.cluster, detail: o.buildsOn.join(' ') });
  for (const c of r.criteria) out.push({ section: 'criterion', id: c.id, parent_id: c.issueId, text: c.text, flag: c.isAgreed });
  for (const e of r.evaluations) out.push({ section: 'evaluation', id: e.optionId, kind: e.targetKind, parent_id: e.targetId, labor: e.labor, management: e.management, flag: e.isDissent });
  for (const c of r.consensusRounds) {
    const status = c.result ? (c.result.reached ? 'reached' : 'not_reached') : 'open';
    out.push({ section: 'consensus_round', id: c.id, parent_id: c.previousCheckId, title: c.subject, text: c.question, kind: c.kind, value: c.round, status, labor: c.answeredByParty.labor, management: c.answeredByParty.management, time: c.openedAt, detail: `threshold:${c.threshold}${c.revealedAt ? ` revealed:${c.revealedAt}` : ''}` });
    for (const party of ['labor', 'management'] as const) {
      const t = c.result?.byParty[party];
      if (t) out.push({ section: 'consensus_result', id: c.id, party, value: t.answered, status, flag: t.belowThreshold > 0, detail: t.distribution.map((d) => `${d.value}:${d.count}`).join(' ') });
    }
    for (const x of c.concerns) out.push({ section: 'consensus_concern', id: c.id, party: x.party, value: x.value, text: x.concern });
  }
  for (const s2 of r.singleTexts) out.push({ section: 'single_text', parent_id: s2.issueId, value: s2.version, text: s2.text });
  for (const c of r.critiques) out.push({ section: 'critique', id: c.id, parent_id: c.issueId, party: c.party, value: c.version, text: c.text, detail: c.quote });
  for (const a of r.agreements) {
    const status = a.isSuperseded ? 'superseded' : a.isFrozen ? 'frozen' : 'awaiting_initials';
    out.push({ section: 'agreement', id: a.id, parent_id: a.supersedesId, title: a.title, text: a.text, hash: a.textHash, status, kind: a.isContingent ? 'contingent' : 'standalone', flag: a.isVerified, detail: a.subject });
    for (const i of a.initials) out.push({ section: 'agreement_initial', id: a.id, party: i.party, name: i.name, hash: i.textHash, time: i.initialedAt, flag: i.textHash === a.textHash });
    for (const x of a.ratifications) out.push({ section: 'agreement_ratification', id: a.id, party: x.party, status: x.outcome, time: x.recordedAt });
  }
  for (const c of r.communiques) out.push({ section: 'communique', id: c.id, text: c.text, hash: c.textHash, status: c.publishedAt ? 'published' : 'proposed', time: c.proposedAt, detail: [c.publishedAt ? `published:${c.publishedAt}` : '', c.approvedBy.length ? `approved_by:${c.approvedBy.join(' ')}` : ''].filter(Boolean).join(' ') });
  if (r.communiqueDraft.trim() !== '') out.push({ section: 'communique_draft', text: r.communiqueDraft });
  for (const a of r.actionItems) out.push({ section: 'action_item', id: a.id, text: a.text, labor: a.laborOwner, management: a.managementOwner, time: a.due, status: a.isDone ? 'done' : 'open' });
  for (const p of r.parkingLot) out.push({ section: 'parking_lot', id: p.id, text: p.text });
  return out;
}

export function renderCsv(record: SessionRecord): string {
  return csvDocument(CSV_COLUMNS, rows(record));
}
