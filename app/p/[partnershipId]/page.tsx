import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { CreateBoardForm } from '@/components/board/create-board-form';
import { listBoards } from '@/server/boards/list-boards';
import { listMySessions } from '@/server/ibb/session-state';
import { requirePageMembership } from '@/server/http/page-guards';
import { getPartnershipOverview } from '@/server/partnerships/get-partnership-overview';
import { PARTIES, canEditBoards } from '@/domain/partnership/roles';
import { createBoardAction } from './boards/actions';

const COMING_KINDS = ['workplan', 'mou', 'committee'] as const;

export default async function PartnershipHome({ params }: { params: Promise<{ partnershipId: string }> }) {
  const { partnershipId } = await params;
  const { user, membership } = await requirePageMembership(partnershipId);
  const [overview, boards, sessions] = await Promise.all([getPartnershipOverview(membership), listBoards(membership), listMySessions(user.id, partnershipId)]);
  const t = await getTranslations('partnership');
  const tb = await getTranslations('boards');
  const tp = await getTranslations('parties');
  const ti = await getTranslations('ibbHome');
  const tph = await getTranslations('ibbSession.phases');
  const format = await getFormatter();
  const total = Object.values(overview.memberCountByParty).reduce((a, b) => a + b, 0);
  return (
    <main id="main" className="mx-auto max-w-6xl p-4">
      <h1 className="text-3xl font-bold">{overview.name}</h1>
      <p className="mb-2 text-lg text-zinc-700">{t('overview', { district: overview.districtName, union: overview.unionName })}</p>
      <p className="mb-6 flex flex-wrap gap-x-4 gap-y-1 text-zinc-800">
        <span>{t('schools', { count: overview.schoolCount })}</span>
        <span>{t('members', { count: total })}</span>
        {PARTIES.filter((p) => overview.memberCountByParty[p]).map((p) => (
          <span key={p}>
            {tp(p)}: {overview.memberCountByParty[p]}
          </span>
        ))}
      </p>
      <section aria-labelledby="team-boards-title" className="mb-8">
        <h2 id="team-boards-title" className="mb-1 text-2xl font-bold">
          {tb('title')}
        </h2>
        <p className="mb-3 text-zinc-700">{tb('intro')}</p>
        {boards.length === 0 ? (
          <p className="mb-4 text-zinc-800">{tb('none')}</p>
        ) : (
          <ul className="mb-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {boards.map((b) => (
              <li key={b.id} className="card flex flex-wrap items-center justify-between gap-2">
                <Link href={`/p/${partnershipId}/boards/${b.id}`} className="break-words text-lg font-semibold text-blue-800 underline">
                  {b.title}
                </Link>
                {b.privateToParty && <span className={`rounded px-2 py-0.5 text-sm font-semibold party-${b.privateToParty}`}>{tb('private', { party: tp(b.privateToParty) })}</span>}
              </li>
            ))}
          </ul>
        )}
        {canEditBoards(membership.role) && (
          <div className="card">
            <CreateBoardForm party={membership.party} onCreate={createBoardAction.bind(null, partnershipId)} />
          </div>
        )}
      </section>
      <h2 className="mb-3 text-2xl font-bold">{t('boards')}</h2>
      <ul className="grid gap-4 sm:grid-cols-2">
        <li className="card sm:col-span-2">
          <h3 id="ibb-sessions-title" className="text-xl font-bold">
            {t('kinds.ibb.title')}
          </h3>
          <p className="mb-3 text-zinc-700">{t('kinds.ibb.description')}</p>
          {sessions.length === 0 ? (
            <p className="text-zinc-800">{ti('none')}</p>
          ) : (
            <ul className="mb-3 grid gap-2 sm:grid-cols-2">
              {sessions.map((s) => (
                <li key={s.id} className="rounded-md border border-zinc-300 p-3">
                  <Link href={`/p/${partnershipId}/ibb/${s.id}`} className="break-words text-lg font-semibold text-blue-800 underline">
                    {s.title}
                  </Link>
                  <p className="text-sm text-zinc-800">
                    {ti('phase', { phase: tph(s.phase) })}
                    {s.startsOn && ` · ${ti('starts', { date: format.dateTime(new Date(`${s.startsOn}T00:00:00Z`), { dateStyle: 'medium', timeZone: 'UTC' }) })}`}
                  </p>
                </li>
              ))}
            </ul>
          )}
          {membership.canManagePeople && (
            <Link href={`/p/${partnershipId}/ibb/new`} className="btn-primary">
              {ti('new')}
            </Link>
          )}
        </li>
        {COMING_KINDS.map((kind) => (
          <li key={kind} className="card">
            <h3 className="text-xl font-bold">{t(`kinds.${kind}.title`)}</h3>
            <p className="mb-3 text-zinc-700">{t(`kinds.${kind}.description`)}</p>
            <p className="text-zinc-800">{t('noneYet')}</p>
            <p className="mt-1 text-sm italic text-zinc-700">{t('coming')}</p>
          </li>
        ))}
      </ul>
    </main>
  );
}
