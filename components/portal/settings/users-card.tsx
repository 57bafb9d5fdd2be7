import type { TenantUserDto } from '@/lib/domain/tenant-users';
import { Badge } from '@/components/ui/badge';
import { Card, CardHeader } from '@/components/ui/card';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { formatDateTime } from '@/lib/format';

const ROLE_LABEL = { user: 'User', client_admin: 'Client admin', staff: 'Staff' } as const;

/** Who in the organisation can see DR status (users) and act on it (client admins). */
export function UsersCard({ users }: { users: TenantUserDto[] }) {
  return (
    <Card data-testid="users-card">
      <CardHeader title="Users" description="People of your organisation with access to the portal. Ask the provider to add or remove people." />
      <Table caption="Users of your organisation">
        <THead>
          <tr>
            <Th>Name</Th>
            <Th>Email</Th>
            <Th>Role</Th>
            <Th>Two-factor</Th>
            <Th>Last sign-in</Th>
          </tr>
        </THead>
        <TBody>
          {users.map((u) => (
            <Tr key={u.id}>
              <Td className="font-medium">
                {u.name}
                {u.disabled && <Badge className="ml-2">Disabled</Badge>}
              </Td>
              <Td>{u.email}</Td>
              <Td>
                <Badge tone={u.role === 'client_admin' ? 'info' : 'neutral'}>{ROLE_LABEL[u.role]}</Badge>
              </Td>
              <Td>{u.totpEnabled ? <Badge tone="success" icon="check">On</Badge> : <span className="text-slate-500 dark:text-slate-400">Off</span>}</Td>
              <Td>{u.lastSignInAt ? formatDateTime(u.lastSignInAt) : 'Never'}</Td>
            </Tr>
          ))}
        </TBody>
      </Table>
    </Card>
  );
}
