import { getLocale } from 'next-intl/server';
import type { ReactNode } from 'react';
import { AppHeader } from '@/components/shell/app-header';
import { ProfileMenu } from '@/components/shell/profile-menu';
import type { CurrentUser } from '@/server/auth/session';
import { setLocaleAction, signOutAction } from '@/app/actions/session';

export async function ShellHeader({ user, title, titleHref, nav }: { user: CurrentUser; title?: string; titleHref?: string; nav?: ReactNode }) {
  const locale = await getLocale();
  return (
    <AppHeader
      title={title}
      titleHref={titleHref}
      nav={nav}
      menu={<ProfileMenu name={user.name} email={user.email} locale={locale} onSignOut={signOutAction} onSetLocale={setLocaleAction} />}
    />
  );
}
