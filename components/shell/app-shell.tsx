'use client';

import Link from 'next/link';
import type { ReactNode } from 'react';
import type { Role } from '@/lib/schemas/users';
import { Icon } from '@/components/ui/icons';
import { LiveIndicator, LiveUpdates } from '@/components/live/live-updates';
import type { NavItem } from './nav-items';
import { SideNav } from './side-nav';
import { UserMenu } from './user-menu';

export type AppShellProps = {
  /** "Client portal" or "Provider console", under the product name. */
  consoleName: string;
  homeHref: string;
  nav: NavItem[];
  /** Left of the header: whose data this is (the tenant, or the whole service for staff). */
  context: ReactNode;
  user: { name: string; email: string; role: Role };
  /** A strip above the header, e.g. staff acting for a tenant. */
  banner?: ReactNode;
  children: ReactNode;
};

/**
 * The frame of every signed-in page: left navigation, header with context and user, content.
 * A client component (its markup is the same for every page, so it is sent as a reference and
 * its props rather than spelled out in each page's RSC payload); what it shows comes in as props.
 */
export function AppShell({ consoleName, homeHref, nav, context, user, banner, children }: AppShellProps) {
  return (
    <div className="flex min-h-dvh flex-col md:flex-row">
      <LiveUpdates />
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-white px-3 py-2 text-sm font-medium shadow focus:not-sr-only focus:fixed focus:left-3 focus:top-3 dark:bg-slate-900"
      >
        Skip to content
      </a>
      <aside className="shrink-0 print:hidden border-b border-slate-200 bg-white md:w-56 md:border-b-0 md:border-r dark:border-slate-800 dark:bg-slate-900">
        {/* The aside stretches with the page (its border runs to the bottom); its content stays in view. */}
        <div className="md:sticky md:top-0 md:max-h-dvh md:overflow-y-auto">
          <Link prefetch={false} href={homeHref} className="flex items-center gap-2 px-4 py-3.5 focus-visible:outline-2 focus-visible:outline-sky-500">
            <span className="rounded-md bg-sky-700 p-1 text-white dark:bg-sky-600">
              <Icon name="shield" className="size-4" />
            </span>
            <span className="leading-tight">
              <span className="block text-sm font-semibold tracking-tight">CloudShield</span>
              <span className="block text-[11px] text-slate-500 dark:text-slate-400">{consoleName}</span>
            </span>
          </Link>
          <SideNav items={nav} label={consoleName} />
        </div>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        {banner}
        <header className="flex print:hidden h-14 items-center justify-between gap-4 border-b border-slate-200 bg-white/80 px-4 backdrop-blur md:px-6 dark:border-slate-800 dark:bg-slate-900/80">
          <div className="min-w-0 truncate">{context}</div>
          <div className="flex items-center gap-3">
            <LiveIndicator />
            <UserMenu {...user} />
          </div>
        </header>
        <main id="main" tabIndex={-1} className="mx-auto w-full max-w-7xl flex-1 px-4 py-6 focus:outline-none md:px-6">
          {children}
        </main>
      </div>
    </div>
  );
}
