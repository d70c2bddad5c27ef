'use client';

import { useTranslations } from 'next-intl';
import { addOption, setItemField, setItemText } from '../../domain/ibb/ibb-board';
import type { IssueView, OptionView } from '../../domain/ibb/ibb-board';
import { newId } from '../board/new-id';
import { AddForm, AuthorLine, BoardSection, ItemText, PartyBadge, SpotlightToggle, useSpotlightFrame } from './item-parts';
import { useSession } from './session-context';

/**
 * Brainstormed options, with no evaluation. The activity's anonymity decides how a new
 * option is posted: named ones are written by this browser; party-tagged and anonymous
 * ones go through the server, which writes them so that nothing ties them to a person.
 */
export function OptionsSection({ isCurrent }: { isCurrent: boolean }) {
  const t = useTranslations('ibbSession.options');
  const { board } = useSession();
  return (
    <BoardSection id="phase-options" title={t('title')} intro={t('intro')} isCurrent={isCurrent}>
      <AnonymityNotice />
      {board.issues.length === 0 ? <p className="italic text-zinc-700">{t('needIssue')}</p> : board.issues.map((issue, index) => <IssueOptions key={issue.id} issue={issue} position={index + 1} />)}
    </BoardSection>
  );
}

/** The announced anonymity of the current activity, in words everyone reads the same way. */
export function AnonymityNotice() {
  const t = useTranslations('ibbSession.anonymity');
  const { state } = useSession();
  return (
    <p className="mb-3 rounded-md border-2 border-zinc-800 bg-zinc-50 p-3 text-lg" data-testid="anonymity-notice">
      <strong>{t('announced', { mode: t(`mode.${state.anonymity}`) })}</strong> {t(`explain.${state.anonymity}`)}
    </p>
  );
}

function IssueOptions({ issue, position }: { issue: IssueView; position: number }) {
  const t = useTranslations('ibbSession.options');
  const { board, doc, can, state, actions, run } = useSession();
  const options = board.options.filter((o) => o.issueId === issue.id);
  const clusters = [...new Set(options.map((o) => o.cluster ?? ''))].sort((a, b) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b)));
  const headingId = `options-${issue.id}`;
  const numbered = new Map(options.map((o, i) => [o.id, i + 1]));

  const handleAdd = async (text: string, form: FormData): Promise<boolean> => {
    const base = String(form.get('buildsOn') ?? '');
    const buildsOn = options.some((o) => o.id === base) ? [base] : [];
    if (state.anonymity !== 'named') return run(() => actions.postOption({ issueId: issue.id, text, buildsOn }));
    addOption(doc, { id: newId(), issueId: issue.id, text, buildsOn, postedAs: 'named', partyTag: null });
    return true;
  };

  return (
    <section aria-labelledby={headingId} className="mt-4 first:mt-0">
      <h3 id={headingId} className="text-xl font-bold">
        {t('forIssue', { position, issue: issue.title })}
      </h3>
      {options.length === 0 && <p className="italic text-zinc-700">{t('none')}</p>}
      {clusters.map((cluster) => {
        const items = options.filter((o) => (o.cluster ?? '') === cluster);
        return (
          <div key={cluster || '-'} className={cluster ? 'mt-3 rounded-lg border-2 border-dashed border-zinc-500 p-3' : 'mt-3'}>
            {cluster && <h4 className="text-lg font-bold">{t('cluster', { cluster })}</h4>}
            <ul className="mt-2 grid gap-2 sm:grid-cols-2">
              {items.map((option) => (
                <Option key={option.id} option={option} number={numbered.get(option.id) ?? 0} issuePosition={position} all={options} numbered={numbered} />
              ))}
            </ul>
          </div>
        );
      })}
      {can.canEditBoard && (
        <AddForm label={t('add', { position })} submitLabel={t('addSubmit')} isMultiline onAdd={handleAdd}>
          {options.length > 0 && (
            <label>
              <span className="field-label">{t('buildsOnLabel')}</span>
              <select name="buildsOn" className="field-input max-w-[16rem]" defaultValue="">
                <option value="">{t('buildsOnNone')}</option>
                {options.map((o) => (
                  <option key={o.id} value={o.id}>
                    {t('optionNumber', { number: numbered.get(o.id) ?? 0 })}: {o.text.slice(0, 60)}
                  </option>
                ))}
              </select>
            </label>
          )}
        </AddForm>
      )}
    </section>
  );
}

function Option({ option, number, issuePosition, all, numbered }: { option: OptionView; number: number; issuePosition: number; all: OptionView[]; numbered: Map<string, number> }) {
  const t = useTranslations('ibbSession.options');
  const tp = useTranslations('parties');
  const { doc, can } = useSession();
  const { isSpotlit, ...frame } = useSpotlightFrame('option', option.id);
  const label = t('label', { number, issue: issuePosition });
  const bases = option.buildsOn.flatMap((id) => {
    const base = all.find((o) => o.id === id);
    return base ? [base] : [];
  });
  return (
    <li {...frame} id={`option-${option.id}`} className={`rounded-md border border-yellow-500 bg-yellow-50 p-2 ${frame.className}`} aria-current={isSpotlit ? 'true' : undefined}>
      <p className="text-sm font-semibold text-zinc-700">{t('optionNumber', { number })}</p>
      {/* Only a named option can be edited in place: an edit is attributed to whoever makes it. */}
      <ItemText value={option.text} label={label} canEdit={can.canEditBoard && option.postedAs === 'named'} isMultiline onChange={(v) => setItemText(doc, 'options', option.id, 'text', v)} />
      <div className="mt-1 flex flex-wrap items-center gap-2">
        {option.postedAs === 'named' && <AuthorLine clientId={option.creatorClientId} />}
        {option.postedAs === 'party' && option.partyTag && <PartyBadge party={option.partyTag} label={t('postedByParty', { party: option.partyTag === 'labor' || option.partyTag === 'management' ? tp(option.partyTag) : option.partyTag })} />}
        {option.postedAs === 'anonymous' && <span className="rounded bg-zinc-200 px-2 py-0.5 text-sm font-semibold">{t('anonymous')}</span>}
        <SpotlightToggle kind="option" id={option.id} itemLabel={label} />
      </div>
      {bases.length > 0 && (
        <p className="mt-1 text-sm">
          {t('buildsOn')}{' '}
          {bases.map((b, i) => (
            <span key={b.id}>
              {i > 0 && ', '}
              <a className="text-blue-800 underline" href={`#option-${b.id}`}>
                {t('optionNumber', { number: numbered.get(b.id) ?? 0 })}
              </a>
            </span>
          ))}
        </p>
      )}
      {can.canOrganize && (
        <form
          className="mt-2 flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            const cluster = String(new FormData(e.currentTarget).get('cluster') ?? '').trim().slice(0, 100);
            setItemField(doc, 'options', option.id, 'cluster', cluster || null);
          }}
        >
          <label>
            <span className="field-label">{t('clusterLabel', { item: label })}</span>
            <input name="cluster" type="text" maxLength={100} defaultValue={option.cluster ?? ''} className="field-input" autoComplete="off" />
          </label>
          <button type="submit" className="btn-secondary">
            {t('clusterSubmit')}
          </button>
        </form>
      )}
    </li>
  );
}
