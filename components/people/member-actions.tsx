'use client';

import { useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import { MembershipFields } from './membership-fields';
import type { FormResult, MemberView, SchoolOption } from './types';

interface Props {
  member: MemberView;
  schools: SchoolOption[];
  onChangeRole: (form: FormData) => Promise<FormResult>;
  onRevoke: () => Promise<FormResult>;
}

export function MemberActions({ member, schools, onChangeRole, onRevoke }: Props) {
  const t = useTranslations('people');
  const te = useTranslations('errors');
  const [isEditing, setIsEditing] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [isPending, startTransition] = useTransition();
  const idPrefix = `m-${member.membershipId}`;

  const show = (r: FormResult, okText: string) =>
    setMessage(r.ok ? { ok: true, text: okText } : { ok: false, text: te.has(r.error.code) ? te(r.error.code) : te('generic') });

  return (
    <div>
      {!isEditing ? (
        <div className="flex flex-wrap gap-2">
          <button type="button" className="btn-secondary" onClick={() => setIsEditing(true)} aria-label={`${t('change')}: ${member.name}`}>
            {t('change')}
          </button>
          <button
            type="button"
            className="btn-danger"
            disabled={isPending}
            aria-label={`${t('revoke')}: ${member.name}`}
            onClick={() => {
              if (!window.confirm(t('revokeConfirm', { name: member.name }))) return;
              startTransition(async () => show(await onRevoke(), t('revoked', { name: member.name })));
            }}
          >
            {t('revoke')}
          </button>
        </div>
      ) : (
        <form
          className="grid gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            const data = new FormData(e.currentTarget);
            startTransition(async () => {
              const r = await onChangeRole(data);
              show(r, t('changed'));
              if (r.ok) setIsEditing(false);
            });
          }}
        >
          <input type="hidden" name="membershipId" value={member.membershipId} />
          <MembershipFields idPrefix={idPrefix} schools={schools} initial={member} />
          <label className="flex min-h-[44px] items-center gap-2">
            <input type="checkbox" name="isAdmin" defaultChecked={member.isAdmin} className="h-5 w-5" />
            {t('admin')}
          </label>
          <div className="flex gap-2">
            <button type="submit" className="btn-primary" disabled={isPending}>
              {t('save')}
            </button>
            <button type="button" className="btn-secondary" onClick={() => setIsEditing(false)}>
              {t('cancel')}
            </button>
          </div>
        </form>
      )}
      <p aria-live="polite" className={message ? (message.ok ? 'mt-2 text-green-800' : 'mt-2 text-red-800') : 'sr-only'}>
        {message?.text}
      </p>
    </div>
  );
}
