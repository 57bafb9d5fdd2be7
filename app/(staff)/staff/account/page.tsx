import type { Metadata } from 'next';
import { getDb } from '@/lib/domain/core/database';
import { AccountCard } from '@/components/portal/settings/account-card';
import { PasswordCard } from '@/components/portal/settings/password-card';
import { SessionsCard } from '@/components/portal/settings/sessions-card';
import { TwoFactorCard } from '@/components/portal/settings/two-factor-card';
import { PageHeader } from '@/components/ui/page-header';
import { getMe } from '@/lib/domain/accounts/me';
import { twoFactorStatus } from '@/lib/domain/accounts/two-factor';
import { NotificationsCard } from '@/components/portal/settings/notifications-card';
import { getMyNotificationPreferences } from '@/lib/domain/notifications/preferences';
import { staffActor } from '../_lib/staff-actor';
import { StaffAccountsCard } from '@/components/staff/staff-accounts-card';
import { listStaffAccounts } from '@/lib/domain/accounts/tenant-users';

export const metadata: Metadata = { title: 'Your account' };

/**
 * Provider staff hold the most powerful accounts of the service: their own password and second
 * factor live here (a tenant's Settings, while acting for it, are the tenant's).
 */
export default async function StaffAccountPage() {
  const actor = await staffActor();
  const me = getMe(getDb(), actor);
  const preferences = getMyNotificationPreferences(getDb(), actor);
  const staffAccounts = listStaffAccounts(getDb(), actor);
  return (
    <>
      <PageHeader title="Your account" description="Your password, second factor and the e-mails you get. Staff accounts can act for every tenant: turn two-factor authentication on." />
      <div className="space-y-4">
        <AccountCard me={me} />
        <PasswordCard />
        <TwoFactorCard enabled={me.totpEnabled} recoveryCodesLeft={twoFactorStatus(getDb(), actor).recoveryCodesLeft} />
        <StaffAccountsCard accounts={staffAccounts} currentUserId={actor.userId} />
        <SessionsCard />
        <NotificationsCard preferences={preferences} description="Which events e-mail you: the provider's own site, link and maintenance notices, and these events of every tenant. Your role's defaults are marked; security events about your own account are always sent." />
      </div>
    </>
  );
}
