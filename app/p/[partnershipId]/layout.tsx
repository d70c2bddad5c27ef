import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { PartnershipNav } from '@/components/shell/partnership-nav';
import { requirePageMembership } from '@/server/http/page-guards';
import { ShellHeader } from '@/app/_shell/shell-header';

export default async function PartnershipLayout({ children, params }: { children: ReactNode; params: Promise<{ partnershipId: string }> }) {
  const { partnershipId } = await params;
  // Checked here for the chrome and again in every page: layouts are not re-run on
  // every navigation, so a page must never rely on its layout's check.
  const { user, membership } = await requirePageMembership(partnershipId);
  const t = await getTranslations('partnership.nav');
  const base = `/p/${partnershipId}`;
  return (
    <>
      <ShellHeader
        user={user}
        title={membership.partnershipName}
        titleHref={base}
        nav={
          <PartnershipNav
            items={[
              { href: base, label: t('home') },
              { href: `${base}/people`, label: t('people') },
            ]}
          />
        }
      />
      {children}
    </>
  );
}
