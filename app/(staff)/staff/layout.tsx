import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { getDb } from '@/lib/domain/core/database';
import { AppShell } from '@/components/shell/app-shell';
import { CatchUpBanner } from '@/components/shell/catch-up-banner';
import { STAFF_NAV } from '@/components/shell/nav-items';
import { Icon } from '@/components/ui/icons';
import { requireActor } from '@/lib/auth/current-actor';
import { engineCatchUp } from '@/lib/sim/bridge';
import { getTenantHeader } from '@/lib/domain/accounts/tenant-context';
import { ChooseOwnPassword } from '@/components/staff/choose-own-password';

export const dynamic = 'force-dynamic';

/**
 * The provider console. Client roles get a 404 rather than a 403 so the console's existence is
 * not advertised; each staff page and action still authorises in lib/domain.
 */
export default async function StaffLayout({ children }: { children: ReactNode }) {
  const actor = await requireActor();
  if (actor.role !== 'staff') notFound();
  const { userName, mustChangePassword } = getTenantHeader(getDb(), actor);
  const catchUp = await engineCatchUp();

  return (
    <AppShell
      consoleName="Provider console"
      homeHref="/staff"
      nav={STAFF_NAV}
      banner={catchUp ? <CatchUpBanner initial={catchUp} /> : undefined}
      user={{ name: userName, email: actor.email, role: actor.role }}
      context={
        <span className="flex items-center gap-2">
          <Icon name="globe" className="size-4 shrink-0 text-slate-400" />
          <span className="truncate text-sm font-semibold" data-testid="staff-context">
            Calligo CloudCore · all tenants
          </span>
        </span>
      }
    >
      {/* A one-time password (the first administrator's, or one another staff member reset) opens nothing but its own replacement. */}
      {mustChangePassword ? <ChooseOwnPassword /> : children}
    </AppShell>
  );
}
