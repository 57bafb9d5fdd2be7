import type { Metadata } from 'next';
import { getDb } from '@/lib/domain/core/database';
import { AccountCard } from '@/components/portal/settings/account-card';
import { PasswordCard } from '@/components/portal/settings/password-card';
import { SessionsCard } from '@/components/portal/settings/sessions-card';
import { TokensCard } from '@/components/portal/settings/tokens-card';
import { TwoFactorCard } from '@/components/portal/settings/two-factor-card';
import { UsersCard } from '@/components/portal/settings/users-card';
import { PageHeader } from '@/components/ui/page-header';
import { requireActor } from '@/lib/auth/current-actor';
import { can } from '@/lib/auth/policy';
import { getMe } from '@/lib/domain/accounts/me';
import { twoFactorStatus } from '@/lib/domain/accounts/two-factor';
import { listTenantUsers } from '@/lib/domain/accounts/tenant-users';
import { listTokens } from '@/lib/domain/accounts/tokens';
import { listWebhooks } from '@/lib/domain/notifications/webhooks';
import { WebhooksCard } from '@/components/portal/settings/webhooks-card';
import { NotificationsCard } from '@/components/portal/settings/notifications-card';
import { RecipientsCard } from '@/components/portal/settings/recipients-card';
import { getMyNotificationPreferences, listTenantNotificationRecipients } from '@/lib/domain/notifications/preferences';
import { ApprovalSettingsCard } from '@/components/portal/settings/approval-settings-card';
import { getTenantSettings } from '@/lib/domain/approvals/tenant-settings';

export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage() {
  const actor = await requireActor('/settings');
  const db = getDb();
  const me = getMe(db, actor);
  const admin = can(actor.role, 'users:manage') && actor.role === 'client_admin';
  // An administrator also sees (and may revoke) the tokens of the tenant's other users: offboarding, a leak.
  const tokens = listTokens(db, actor, { scope: admin ? 'tenant' : 'own' }).items;
  // Staff acting for the tenant manage its users too (tokens stay their own).
  const manageUsers = can(actor.role, 'users:manage') && actor.tenantId != null;
  const users = manageUsers ? listTenantUsers(db, actor) : null;
  // The tenant's webhook endpoints: its administrators (and staff acting for it).
  const webhooks = can(actor.role, 'webhooks:manage') && actor.tenantId != null ? await listWebhooks(db, actor) : null;
  // Everyone's own e-mail choices; who in the tenant gets what: its administrators (and staff acting for it).
  const preferences = getMyNotificationPreferences(db, actor);
  const recipients = manageUsers ? listTenantNotificationRecipients(db, actor) : null;

  // Four-eyes approval: everyone of the tenant sees it; its client administrators change it.
  const approvalSettings = actor.tenantId != null ? getTenantSettings(db, actor) : null;

  return (
    <>
      <PageHeader title="Settings" description="Your account, its password and second factor, the e-mails you get, API tokens for automation and, for administrators, your organisation's users, who gets which e-mail, and webhooks." />
      <div className="space-y-4">
        <AccountCard me={me} />
        {actor.role !== 'staff' && <PasswordCard />}
        {actor.role !== 'staff' && <TwoFactorCard enabled={me.totpEnabled} recoveryCodesLeft={twoFactorStatus(db, actor).recoveryCodesLeft} />}
        {actor.role !== 'staff' && <SessionsCard />}
        <NotificationsCard preferences={preferences} />
        <TokensCard tokens={tokens} showOwner={admin} />
        {users && <UsersCard users={users} currentUserId={actor.userId} />}
        {recipients && <RecipientsCard recipients={recipients} />}
        {webhooks && <WebhooksCard endpoints={webhooks} />}
        {approvalSettings && <ApprovalSettingsCard settings={approvalSettings} canChange={can(actor.role, 'tenant-settings:manage')} />}
      </div>
    </>
  );
}
