import type { TenantUserDto } from '@/lib/domain/accounts/tenant-users';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { AccountsTable } from './accounts-table';
import { InviteUserForm } from './invite-user-form';
import { UserRowActions } from './user-row-actions';

/**
 * Who in the organisation can see DR status (users) and act on it (client admins): invite,
 * change roles, disable and enable. The actor's own row has no controls (no self-lockout).
 */
export function UsersCard({ users, currentUserId }: { users: TenantUserDto[]; currentUserId: string }) {
  return (
    <Card data-testid="users-card">
      <CardHeader title="Users" description="People of your organisation with access to the portal. Users see DR status; client admins also act on it and manage users." />
      <CardBody>
        <InviteUserForm />
      </CardBody>
      <AccountsTable
        caption="Users of your organisation"
        accounts={users}
        currentUserId={currentUserId}
        showRole
        testIdPrefix="user-row"
        actions={(u) => u.role !== 'staff' && <UserRowActions user={u} />}
      />
    </Card>
  );
}
