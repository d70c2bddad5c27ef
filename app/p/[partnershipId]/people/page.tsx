import { getFormatter, getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { InviteForm } from '@/components/people/invite-form';
import { MemberActions } from '@/components/people/member-actions';
import { RevokeInvitationButton } from '@/components/people/revoke-invitation-button';
import { PARTIES } from '@/domain/partnership/roles';
import type { Party } from '@/domain/partnership/roles';
import { requirePageMembership } from '@/server/http/page-guards';
import { listSchools } from '@/server/partnerships/get-partnership-overview';
import { listMembers, listPendingInvitations } from '@/server/partnerships/list-members';
import { changeRoleAction, inviteAction, revokeInvitationAction, revokeMemberAction } from './actions';

const PAGE_SIZE = 50;

type Search = { q?: string; party?: string; page?: string };

export async function generateMetadata() {
  const t = await getTranslations('people');
  return { title: t('title') };
}

export default async function PeoplePage({ params, searchParams }: { params: Promise<{ partnershipId: string }>; searchParams: Promise<Search> }) {
  const { partnershipId } = await params;
  const { user, membership } = await requirePageMembership(partnershipId);
  const search = await searchParams;
  const query = (search.q ?? '').slice(0, 100);
  const party = PARTIES.find((p): p is Party => p === search.party);
  const page = Math.max(1, Number.parseInt(search.page ?? '1', 10) || 1);
  const { rows, total } = await listMembers(membership, { query, party, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const schools = membership.canManagePeople ? await listSchools(partnershipId) : [];
  const pending = await listPendingInvitations(membership);
  const t = await getTranslations('people');
  const tp = await getTranslations('parties');
  const tr = await getTranslations('roles');
  const format = await getFormatter();

  const pageHref = (n: number) => {
    const sp = new URLSearchParams();
    if (query) sp.set('q', query);
    if (party) sp.set('party', party);
    sp.set('page', String(n));
    return `/p/${partnershipId}/people?${sp.toString()}`;
  };

  return (
    <main id="main" className="mx-auto max-w-6xl space-y-6 p-4">
      <h1 className="text-3xl font-bold">{t('title')}</h1>
      {membership.canManagePeople && <InviteForm schools={schools} onInvite={inviteAction.bind(null, partnershipId)} />}

      <form role="search" className="flex flex-wrap items-end gap-3" action={`/p/${partnershipId}/people`}>
        <div className="min-w-[14rem] flex-1">
          <label htmlFor="people-q" className="field-label">
            {t('search')}
          </label>
          <input id="people-q" name="q" type="search" defaultValue={query} placeholder={t('searchPlaceholder')} className="field-input" />
        </div>
        <div>
          <label htmlFor="people-party" className="field-label">
            {t('filterParty')}
          </label>
          <select id="people-party" name="party" defaultValue={party ?? ''} className="field-input">
            <option value="">{t('allParties')}</option>
            {PARTIES.map((p) => (
              <option key={p} value={p}>
                {tp(p)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn-primary">
          {t('searchSubmit')}
        </button>
      </form>

      <p aria-live="polite" className="font-semibold" data-testid="people-count">
        {t('count', { count: total })}
      </p>
      <div className="overflow-x-auto rounded-lg border border-zinc-300 bg-white">
        <table className="w-full text-left">
          <thead className="bg-zinc-100">
            <tr>
              <th scope="col" className="p-3">{t('columns.name')}</th>
              {membership.canManagePeople && <th scope="col" className="p-3">{t('columns.email')}</th>}
              <th scope="col" className="p-3">{t('columns.party')}</th>
              <th scope="col" className="p-3">{t('columns.role')}</th>
              <th scope="col" className="p-3">{t('columns.school')}</th>
              {membership.canManagePeople && <th scope="col" className="p-3">{t('columns.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((m) => (
              <tr key={m.membershipId} className="border-t border-zinc-200 align-top">
                <td className="p-3 font-semibold">
                  {m.name} {m.userId === user.id && <span className="font-normal text-zinc-700">{t('you')}</span>}
                  {m.isAdmin && <span className="ml-2 rounded bg-zinc-200 px-2 py-0.5 text-xs">{t('admin')}</span>}
                </td>
                {membership.canManagePeople && <td className="break-all p-3">{m.email}</td>}
                <td className="p-3">
                  <span className={`rounded px-2 py-0.5 text-sm font-semibold party-${m.party}`}>{tp(m.party)}</span>
                </td>
                <td className="p-3">{tr(m.role)}</td>
                <td className="p-3">{m.schoolName ?? '—'}</td>
                {membership.canManagePeople && (
                  <td className="p-3">
                    <MemberActions
                      member={m}
                      schools={schools}
                      onChangeRole={changeRoleAction.bind(null, partnershipId)}
                      onRevoke={revokeMemberAction.bind(null, partnershipId, m.membershipId)}
                    />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pages > 1 && (
        <nav aria-label={t('page', { page, pages })} className="flex items-center gap-3">
          {page > 1 && (
            <Link className="btn-secondary" href={pageHref(page - 1)}>
              {t('previous')}
            </Link>
          )}
          <span>{t('page', { page, pages })}</span>
          {page < pages && (
            <Link className="btn-secondary" href={pageHref(page + 1)}>
              {t('next')}
            </Link>
          )}
        </nav>
      )}

      {pending.length > 0 && (
        <section aria-labelledby="pending-title" className="card">
          <h2 id="pending-title" className="mb-3 text-xl font-bold">
            {t('pending')}
          </h2>
          <ul className="divide-y divide-zinc-200">
            {pending.map((inv) => (
              <li key={inv.id} className="flex flex-wrap items-center gap-3 py-2">
                <span className="font-semibold">{inv.email}</span>
                <span>
                  {tr(inv.role)} · {tp(inv.party)}
                  {inv.schoolName ? ` · ${inv.schoolName}` : ''}
                </span>
                <span className="text-sm text-zinc-700">{t('expires', { date: format.dateTime(inv.expiresAt, { dateStyle: 'medium' }) })}</span>
                <RevokeInvitationButton label={t('revokeInvitation')} onRevoke={revokeInvitationAction.bind(null, partnershipId, inv.id)} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </main>
  );
}
