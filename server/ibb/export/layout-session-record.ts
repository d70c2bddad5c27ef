import type { ConsensusRoundRecord, SessionRecord, TallyRecord } from './gather-session-record';
import type { RecordBlock, RecordDocument, Translate } from './record-blocks';

interface Context {
  t: Translate;
  lang: string;
}

/** Times in the record are UTC, said so, so that both parties' copies read the same. */
function formatTime(iso: string | null, lang: string): string {
  if (!iso) return '';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return `${new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(at)} UTC`;
}

function value(t: Translate, group: string, v: string): string {
  return t(`values.${group}.${v}`);
}

function table(columns: string[], rows: string[][], t: Translate): RecordBlock {
  return rows.length === 0 ? { kind: 'paragraph', text: t('export.empty'), tone: 'muted' } : { kind: 'table', columns, rows };
}

/**
 * Short references (I1, O3…) so rows can point at issues and options without ids.
 * The order is the record's own order, so every format numbers the same way.
 */
function references(record: SessionRecord) {
  const issue = new Map(record.issues.map((i, n) => [i.id, `I${n + 1}`]));
  const option = new Map(record.options.map((o, n) => [o.id, `O${n + 1}`]));
  const issueTitle = new Map(record.issues.map((i) => [i.id, i.title]));
  const issueLabel = (id: string | null, t: Translate): string => {
    if (id === null) return t('export.wholeSession');
    const ref = issue.get(id);
    return ref ? `${ref} ${issueTitle.get(id) ?? ''}`.trim() : id;
  };
  /** Records name their subject as `issues/<id>`; anything else is shown as written. */
  const subjectLabel = (subject: string, t: Translate): string => {
    const m = /^issues\/(.+)$/.exec(subject);
    return m?.[1] && issue.has(m[1]) ? issueLabel(m[1], t) : subject;
  };
  return { issue, option, issueLabel, subjectLabel };
}

function sessionBlocks(r: SessionRecord, { t, lang }: Context): RecordBlock[] {
  const s = r.session;
  const dates = s.startsOn || s.endsOn ? `${s.startsOn ?? '…'} – ${s.endsOn ?? '…'}` : t('export.none');
  return [
    { kind: 'heading', level: 1, text: t('export.title', { title: s.title }) },
    { kind: 'paragraph', text: s.partnershipName, tone: 'strong' },
    {
      kind: 'fields',
      fields: [
        { label: t('export.meta.dates'), value: dates },
        { label: t('export.meta.phase'), value: value(t, 'phase', s.phase) },
        { label: t('export.meta.rule'), value: t('export.meta.ruleValue', { threshold: s.consensusThreshold }) },
        { label: t('export.meta.quorum'), value: t('export.meta.quorumValue', { labor: s.quorum.labor, management: s.quorum.management }) },
        { label: t('export.meta.impasse'), value: s.impasseProcedure || t('export.none') },
        { label: t('export.meta.generated'), value: formatTime(r.generatedAt, lang) },
      ],
    },
    { kind: 'paragraph', text: t('export.notice'), tone: 'muted' },
  ];
}

function tallyRow(party: string, tally: TallyRecord, t: Translate): string[] {
  const distribution = tally.distribution.map((d) => `${d.value}: ${d.count}`).join(', ');
  return [value(t, 'party', party), String(tally.answered), distribution || t('export.none'), tally.min === null ? '' : String(tally.min), String(tally.belowThreshold)];
}

function roundBlocks(c: ConsensusRoundRecord, ctx: Context, subjectLabel: (s: string) => string): RecordBlock[] {
  const { t, lang } = ctx;
  const blocks: RecordBlock[] = [
    { kind: 'heading', level: 3, text: t('export.consensus.round', { round: c.round, question: c.question }) },
    {
      kind: 'fields',
      fields: [
        { label: t('export.columns.issue'), value: subjectLabel(c.subject) },
        { label: t('export.consensus.kind'), value: value(t, 'checkKind', c.kind) },
        { label: t('export.consensus.threshold'), value: String(c.threshold) },
        { label: t('export.consensus.opened'), value: formatTime(c.openedAt, lang) },
        { label: t('export.consensus.revealed'), value: c.revealedAt ? formatTime(c.revealedAt, lang) : t('export.consensus.notRevealed') },
      ],
    },
  ];
  if (!c.result) {
    blocks.push({ kind: 'paragraph', text: t('export.consensus.answeredSoFar', c.answeredByParty), tone: 'muted' });
    return blocks;
  }
  blocks.push({ kind: 'paragraph', text: c.result.reached ? t('export.consensus.reached') : t('export.consensus.notReached'), tone: 'strong' });
  const cols = ['party', 'answered', 'distribution', 'lowest', 'below'].map((k) => t(`export.columns.${k}`));
  blocks.push({ kind: 'table', columns: cols, rows: [tallyRow('labor', c.result.byParty.labor, t), tallyRow('management', c.result.byParty.management, t)] });
  if (c.concerns.length > 0) {
    blocks.push({ kind: 'paragraph', text: t('export.consensus.concerns'), tone: 'strong' });
    blocks.push({ kind: 'table', columns: [t('export.columns.party'), t('export.columns.answer'), t('export.columns.concern')], rows: c.concerns.map((x) => [value(t, 'party', x.party), String(x.value), x.concern]) });
  }
  return blocks;
}

/** Lays the record out in reading order; every renderer draws exactly these blocks. */
export function layoutSessionRecord(r: SessionRecord, ctx: Context): RecordDocument {
  const { t, lang } = ctx;
  const ref = references(r);
  const issueLabel = (id: string | null) => ref.issueLabel(id, t);
  const subjectLabel = (s: string) => ref.subjectLabel(s, t);
  const col = (k: string) => t(`export.columns.${k}`);
  const yesNo = (b: boolean) => t(b ? 'export.yes' : 'export.no');
  const h2 = (key: string): RecordBlock => ({ kind: 'heading', level: 2, text: t(`export.sections.${key}`) });
  const criterionText = new Map(r.criteria.map((c) => [c.id, c.text]));
  const interestText = new Map(r.interests.map((i) => [i.id, i.text]));

  const blocks: RecordBlock[] = [...sessionBlocks(r, ctx)];

  // What was agreed comes first: the tentative agreements open the record (page 1 of the PDF).
  blocks.push(h2('agreements'));
  if (r.agreements.length === 0) blocks.push({ kind: 'paragraph', text: t('export.empty'), tone: 'muted' });
  for (const a of r.agreements) {
    const status = a.isSuperseded ? t('export.ta.superseded') : a.isFrozen ? t('export.ta.frozen') : t('export.ta.awaiting');
    const supersedes = r.agreements.find((x) => x.id === a.supersedesId);
    blocks.push({ kind: 'heading', level: 3, text: a.title });
    blocks.push({
      kind: 'fields',
      fields: [
        { label: col('issue'), value: subjectLabel(a.subject) },
        { label: col('status'), value: status },
        { label: t('export.ta.contingent'), value: yesNo(a.isContingent) },
        ...(supersedes ? [{ label: t('export.ta.supersedes'), value: supersedes.title }] : []),
        { label: t('export.ta.hash'), value: a.textHash, isMono: true },
        { label: t('export.ta.verified'), value: a.isVerified ? t('export.ta.verifiedYes') : t('export.ta.verifiedNo') },
      ],
    });
    blocks.push({ kind: 'verbatim', text: a.text });
    blocks.push(table([col('party'), col('initialedBy'), col('time'), col('boundToText')], a.initials.map((i) => [value(t, 'party', i.party), i.name, formatTime(i.initialedAt, lang), yesNo(i.textHash === a.textHash)]), t));
    if (a.ratifications.length > 0) blocks.push({ kind: 'table', columns: [col('party'), col('outcome'), col('time')], rows: a.ratifications.map((x) => [value(t, 'party', x.party), value(t, 'outcome', x.outcome), formatTime(x.recordedAt, lang)]) });
  }


  blocks.push(h2('participants'));
  blocks.push(table([col('name'), col('party'), col('role'), col('signer')], r.participants.map((p) => [p.name, value(t, 'party', p.party), value(t, 'sessionRole', p.role), yesNo(p.isSigner)]), t));

  blocks.push(h2('groundRules'));
  blocks.push(table([col('category'), col('text')], r.groundRules.map((g) => [value(t, 'groundRule', g.category), g.text]), t));

  blocks.push(h2('issues'));
  blocks.push(table([col('ref'), col('title'), col('raisedBy'), col('status')], r.issues.map((i) => [ref.issue.get(i.id) ?? '', i.title, value(t, 'raisedBy', i.raisedBy), value(t, 'issueStatus', i.status)]), t));

  blocks.push(h2('interests'));
  blocks.push(
    table(
      [col('issue'), col('holder'), col('kind'), col('text'), col('note')],
      r.interests.map((i) => [issueLabel(i.issueId), value(t, 'holder', i.holder), value(t, 'interestKind', i.kind), i.text, i.mergedInto ? t('export.mergedInto', { text: interestText.get(i.mergedInto) ?? i.mergedInto }) : (i.group ?? '')]),
      t,
    ),
  );

  blocks.push(h2('options'));
  const postedBy = (o: SessionRecord['options'][number]): string => {
    if (o.postedAs === 'named') return o.author ?? t('export.authorUnknown');
    if (o.postedAs === 'party') return o.partyTag ? value(t, 'party', o.partyTag) : value(t, 'postedAs', 'party');
    return value(t, 'postedAs', 'anonymous');
  };
  blocks.push(
    table(
      [col('ref'), col('issue'), col('text'), col('postedBy'), col('buildsOn')],
      r.options.map((o) => [ref.option.get(o.id) ?? '', issueLabel(o.issueId), o.text, postedBy(o), o.buildsOn.map((b) => ref.option.get(b) ?? '').filter(Boolean).join(', ')]),
      t,
    ),
  );

  blocks.push(h2('criteria'));
  blocks.push(table([col('issue'), col('text'), col('agreed')], r.criteria.map((c) => [issueLabel(c.issueId), c.text, yesNo(c.isAgreed)]), t));

  blocks.push(h2('evaluations'));
  const score = (kind: 'criterion' | 'interest', v: number | null): string => (v === null ? '' : kind === 'criterion' ? String(v) : value(t, 'satisfies', String(v)));
  blocks.push(
    table(
      [col('option'), col('against'), col('labor'), col('management'), col('dissent')],
      r.evaluations.map((e) => [
        ref.option.get(e.optionId) ?? e.optionId,
        `${t(`export.target.${e.targetKind}`)}: ${(e.targetKind === 'criterion' ? criterionText.get(e.targetId) : interestText.get(e.targetId)) ?? e.targetId}`,
        score(e.targetKind, e.labor),
        score(e.targetKind, e.management),
        e.isDissent ? t('export.dissent') : '',
      ]),
      t,
    ),
  );

  blocks.push(h2('consensus'));
  if (r.consensusRounds.length === 0) blocks.push({ kind: 'paragraph', text: t('export.empty'), tone: 'muted' });
  for (const c of r.consensusRounds) blocks.push(...roundBlocks(c, ctx, subjectLabel));

  blocks.push(h2('singleTexts'));
  if (r.singleTexts.length === 0) blocks.push({ kind: 'paragraph', text: t('export.empty'), tone: 'muted' });
  for (const s of r.singleTexts) {
    blocks.push({ kind: 'heading', level: 3, text: t('export.singleText', { issue: issueLabel(s.issueId), version: s.version }) });
    blocks.push({ kind: 'verbatim', text: s.text });
    const critiques = r.critiques.filter((c) => c.issueId === s.issueId);
    if (critiques.length > 0) blocks.push({ kind: 'table', columns: [col('party'), col('version'), col('quote'), col('critique')], rows: critiques.map((c) => [value(t, 'party', c.party), String(c.version), c.quote, c.text]) });
  }

  blocks.push(h2('communiques'));
  if (r.communiques.length === 0) blocks.push({ kind: 'paragraph', text: t('export.empty'), tone: 'muted' });
  for (const c of r.communiques) {
    blocks.push({
      kind: 'fields',
      fields: [
        { label: t('export.communique.proposed'), value: formatTime(c.proposedAt, lang) },
        { label: t('export.communique.published'), value: c.publishedAt ? formatTime(c.publishedAt, lang) : t('export.communique.notPublished') },
        { label: t('export.communique.approvedBy'), value: c.approvedBy.map((p) => value(t, 'party', p)).join(', ') || t('export.none') },
        { label: t('export.ta.hash'), value: c.textHash, isMono: true },
      ],
    });
    blocks.push({ kind: 'verbatim', text: c.text });
  }
  if (r.communiqueDraft.trim() !== '') {
    blocks.push({ kind: 'heading', level: 3, text: t('export.communique.draft') });
    blocks.push({ kind: 'verbatim', text: r.communiqueDraft });
  }

  blocks.push(h2('actionItems'));
  blocks.push(table([col('text'), col('laborOwner'), col('managementOwner'), col('due'), col('done')], r.actionItems.map((a) => [a.text, a.laborOwner ?? '', a.managementOwner ?? '', a.due ?? '', yesNo(a.isDone)]), t));

  blocks.push(h2('parkingLot'));
  blocks.push(table([col('text')], r.parkingLot.map((p) => [p.text]), t));

  return { title: t('export.title', { title: r.session.title }), lang, blocks };
}
