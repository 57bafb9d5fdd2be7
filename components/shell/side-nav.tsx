'use client';

import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { cn } from '@/components/ui/cn';
import { Icon } from '@/components/ui/icons';
import type { NavItem } from './nav-items';

function isActive(pathname: string, item: NavItem): boolean {
  if (item.exact) return pathname === item.href;
  return pathname === item.href || pathname.startsWith(`${item.href}/`);
}

/**
 * The section list; a client leaf only because the active item follows the URL. Sections are
 * prefetched when pointed at or focused, not all of them as soon as the page is up (a phone
 * would spend its first seconds fetching and processing every section's shell).
 */
export function SideNav({ items, label }: { items: NavItem[]; label: string }) {
  const pathname = usePathname() ?? '/';
  const router = useRouter();
  return (
    <nav aria-label={label}>
      <ul className="flex gap-0.5 overflow-x-auto px-2 pb-2 md:flex-col md:overflow-visible md:pb-0">
        {items.map((item) => {
          const active = isActive(pathname, item);
          return (
            <li key={item.href} className="shrink-0">
              <Link
                href={item.href}
                prefetch={false}
                onMouseEnter={() => router.prefetch(item.href)}
                onFocus={() => router.prefetch(item.href)}
                aria-current={active ? 'page' : undefined}
                className="nav-link"
              >
                <Icon name={item.icon} className={cn('size-4 shrink-0', active ? 'text-sky-700 dark:text-sky-400' : '')} />
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
