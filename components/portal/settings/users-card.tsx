import type { TenantUserDto } from '@/lib/domain/accounts/tenant-users';
import { Badge } from '@/components/ui/badge';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { formatDateTime } from '@/lib/format';
import { InviteUserForm } from './invite-user-form';
import { UserRowActions } from './user-row-actions';

const ROLE_LABEL = { user: 'User', client_admin: 'Client admin', staff: 'Staff' } as const;

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
      <Table caption="Users of your organisation">
        <THead>
          <tr>
            <Th>Name</Th>
            <Th>Email</Th>
            <Th>Role</Th>
            <Th>Two-factor</Th>
            <Th>Last sign-in</Th>
            <Th className="text-right">
              <span className="sr-only">Actions</span>
            </Th>
          </tr>
        </THead>
        <TBody>
          {users.map((u) => (
            <Tr key={u.id} data-testid={`user-row-${u.email}`}>
              <Td className="font-medium">
                {u.name}
                {u.id === currentUserId && <span className="ml-1 text-xs font-normal text-slate-500 dark:text-slate-400">(you)</span>}
                {u.disabled && <Badge className="ml-2">Disabled</Badge>}
              </Td>
              <Td>{u.email}</Td>
              <Td>
                <Badge tone={u.role === 'client_admin' ? 'info' : 'neutral'}>{ROLE_LABEL[u.role]}</Badge>
              </Td>
              <Td>{u.totpEnabled ? <Badge tone="success" icon="check">On</Badge> : <span className="text-slate-500 dark:text-slate-400">Off</span>}</Td>
              <Td>{u.lastSignInAt ? formatDateTime(u.lastSignInAt) : 'Never'}</Td>
              <Td className="text-right">{u.id !== currentUserId && u.role !== 'staff' && <UserRowActions user={u} />}</Td>
            </Tr>
          ))}
        </TBody>
      </Table>
    </Card>
  );
}
