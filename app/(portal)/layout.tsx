import { notFound, redirect } from 'next/navigation';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { getDb } from '@/lib/domain/core/database';
import { AppShell } from '@/components/shell/app-shell';
import { CatchUpBanner } from '@/components/shell/catch-up-banner';
import { portalNav } from '@/components/shell/nav-items';
import { ActingForBanner } from '@/components/staff/acting-for-banner';
import { Icon } from '@/components/ui/icons';
import { requireActor } from '@/lib/auth/current-actor';
import { engineCatchUp } from '@/lib/sim/bridge';
import { getTenantHeader } from '@/lib/domain/accounts/tenant-context';

// Every portal page depends on who is signed in: never prerender.
export const dynamic = 'force-dynamic';

/** The client portal: one tenant's DR, for client roles and for staff acting for a tenant. */
export default async function PortalLayout({ children }: { children: ReactNode }) {
  const actor = await requireActor();
  // Staff have no tenant of their own; without one chosen, their home is the provider console.
  if (actor.role === 'staff' && !actor.tenantId) redirect('/staff');
  const { tenant, userName, mustChangePassword } = getTenantHeader(getDb(), actor);
  // A client without a tenant cannot happen (users cascade with their tenant); a 404 rather
  // than /login avoids a redirect loop should it ever happen.
  if (!tenant) notFound();
  const catchUp = await engineCatchUp();

  const banner = actor.role === 'staff' && <ActingForBanner tenantName={tenant.name} />;

  // Staff acting for a tenant see its portal, not their own account's state.
  const passwordBanner = actor.role !== 'staff' && mustChangePassword && (
    <div role="status" data-testid="password-banner" className="flex items-center justify-between gap-3 bg-amber-100 px-4 py-1.5 text-xs text-amber-950 md:px-6 dark:bg-amber-500/20 dark:text-amber-100">
      <span>You are signed in with a one-time password from your administrator. Choose your own so that only you know it.</span>
      <Link href="/settings" className="rounded font-medium underline underline-offset-2 hover:no-underline">
        Choose a password
      </Link>
    </div>
  );

  return (
    <AppShell
      consoleName="Client portal"
      homeHref="/"
      nav={portalNav(actor.role)}
      banner={
        <>
          {banner || passwordBanner}
          {catchUp && <CatchUpBanner initial={catchUp} />}
        </>
      }
      user={{ name: userName, email: actor.email, role: actor.role }}
      context={
        <span className="flex items-center gap-2">
          <Icon name="building" className="size-4 shrink-0 text-slate-400" />
          <span className="truncate text-sm font-semibold" data-testid="tenant-name">
            {tenant.name}
          </span>
        </span>
      }
    >
      {children}
    </AppShell>
  );
}
