import Link from 'next/link';
import type { ReactNode } from 'react';

interface Props {
  /** Title shown beside the logo: the partnership's name inside one. */
  title?: string;
  titleHref?: string;
  nav?: ReactNode;
  menu: ReactNode;
}

export function AppHeader({ title, titleHref, nav, menu }: Props) {
  return (
    <header className="border-b border-zinc-300 bg-white">
      {/* As wide as the page below it: boards and sessions mark their <main> data-wide. */}
      <div className="mx-auto flex max-w-6xl flex-wrap [body:has(main[data-wide])_&]:max-w-screen-2xl items-center gap-3 px-4 py-2">
        <Link href="/" className="text-xl font-black tracking-tight text-blue-800">
          Accord
        </Link>
        {title && (
          <>
            <span aria-hidden="true" className="text-zinc-500">
              /
            </span>
            {titleHref ? (
              <Link href={titleHref} className="font-semibold hover:underline">
                {title}
              </Link>
            ) : (
              <span className="font-semibold">{title}</span>
            )}
          </>
        )}
        <div className="ml-auto">{menu}</div>
        {nav && <nav className="w-full" aria-label="Partnership">{nav}</nav>}
      </div>
    </header>
  );
}
