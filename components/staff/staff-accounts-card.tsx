import type { StaffAccountDto } from '@/lib/domain/accounts/tenant-users';
import { Card, CardHeader } from '@/components/ui/card';
import { AccountsTable } from '@/components/portal/settings/accounts-table';
import { ResetPasswordButton } from '@/components/portal/settings/reset-password-button';

/**
 * The provider's staff accounts. A staff member who lost their password asks another, who
 * resets it here (a one-time password, shown once); nobody resets their own this way.
 */
export function StaffAccountsCard({ accounts, currentUserId }: { accounts: StaffAccountDto[]; currentUserId: string }) {
  return (
    <Card data-testid="staff-accounts-card">
      <CardHeader title="Staff accounts" description="Reset another staff member's password when they have lost it: they are signed out and choose their own at next sign-in. Your own is changed above." />
      <AccountsTable caption="Staff accounts" accounts={accounts} currentUserId={currentUserId} testIdPrefix="staff-row" actions={(a) => !a.disabled && <ResetPasswordButton user={a} />} />
    </Card>
  );
}
