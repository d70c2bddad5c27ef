'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

export function PartnershipNav({ items }: { items: { href: string; label: string }[] }) {
  const pathname = usePathname();
  return (
    <ul className="flex gap-1 overflow-x-auto">
      {items.map((item) => {
        const isCurrent = pathname === item.href;
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={isCurrent ? 'page' : undefined}
              className={`inline-flex min-h-[44px] items-center border-b-4 px-3 font-semibold ${isCurrent ? 'border-blue-700 text-blue-900' : 'border-transparent text-zinc-700 hover:text-zinc-900'}`}
            >
              {item.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
