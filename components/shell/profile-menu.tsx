'use client';

import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useEffect, useId, useRef, useState } from 'react';
import { clearOfflineData } from '../sync/offline-store';

interface Props {
  name: string;
  email: string;
  locale: string;
  onSignOut: () => Promise<void>;
  onSetLocale: (form: FormData) => Promise<void>;
  /**
   * Runs before sign-out. By default it deletes this browser's offline copies of boards,
   * so the next person on a shared computer cannot read them (server components cannot
   * pass a function, so the default lives here).
   */
  beforeSignOut?: () => Promise<void>;
}

export function ProfileMenu({ name, email, locale, onSignOut, onSetLocale, beforeSignOut = clearOfflineData }: Props) {
  const t = useTranslations('profile');
  const tl = useTranslations('languages');
  const [isOpen, setIsOpen] = useState(false);
  const menuId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!isOpen) return;
    const handleKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setIsOpen(false);
        buttonRef.current?.focus();
      }
    };
    const handleClick = (e: MouseEvent) => {
      const target = e.target;
      if (target instanceof Node && !panelRef.current?.contains(target) && !buttonRef.current?.contains(target)) setIsOpen(false);
    };
    document.addEventListener('keydown', handleKey);
    document.addEventListener('mousedown', handleClick);
    return () => {
      document.removeEventListener('keydown', handleKey);
      document.removeEventListener('mousedown', handleClick);
    };
  }, [isOpen]);

  const initials = name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((p) => p[0]?.toUpperCase())
    .join('');

  return (
    <div className="relative">
      <button
        ref={buttonRef}
        type="button"
        className="flex min-h-[44px] items-center gap-2 rounded-full border border-zinc-400 bg-white px-2 py-1 pr-3 font-semibold"
        aria-expanded={isOpen}
        aria-controls={menuId}
        aria-label={t('menu', { name })}
        onClick={() => setIsOpen((v) => !v)}
      >
        <span aria-hidden="true" className="flex h-8 w-8 items-center justify-center rounded-full bg-blue-800 text-sm text-white">
          {initials}
        </span>
        <span className="hidden sm:inline">{name}</span>
      </button>
      {isOpen && (
        <div ref={panelRef} id={menuId} className="absolute right-0 z-40 mt-2 w-72 rounded-lg border border-zinc-300 bg-white p-4 shadow-lg">
          <p className="text-sm text-zinc-700">{t('signedInAs')}</p>
          <p className="font-semibold">{name}</p>
          <p className="mb-3 break-all text-sm text-zinc-700">{email}</p>
          <Link href="/" className="mb-3 block underline" onClick={() => setIsOpen(false)}>
            {t('myPartnerships')}
          </Link>
          <form action={onSetLocale} className="mb-3 flex items-end gap-2">
            <div className="flex-1">
              <label htmlFor={`${menuId}-locale`} className="field-label">
                {t('language')}
              </label>
              <select id={`${menuId}-locale`} name="locale" defaultValue={locale} className="field-input">
                <option value="en">{tl('en')}</option>
                <option value="es">{tl('es')}</option>
              </select>
            </div>
            <button type="submit" className="btn-secondary">
              {t('apply')}
            </button>
          </form>
          <form
            action={async () => {
              // Signing out must not depend on the browser's storage working: log, then go on.
              await beforeSignOut().catch((err: unknown) => console.error('[accord] clearing offline data failed', err));
              await onSignOut();
            }}
          >
            <button type="submit" className="btn-secondary w-full">
              {t('signOut')}
            </button>
          </form>
        </div>
      )}
    </div>
  );
}
