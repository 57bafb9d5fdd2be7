import type { ReactNode } from 'react';
import type { TenantUserDto } from '@/lib/domain/accounts/tenant-users';
import { Badge } from '@/components/ui/badge';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { formatDateTime } from '@/lib/format';

const ROLE_LABEL = { user: 'User', client_admin: 'Client admin', staff: 'Staff' } as const;

type Account = TenantUserDto & { mustChangePassword?: boolean };

/**
 * People with access to the portal — a tenant's users in Settings, the provider's staff in the
 * console: who they are, their role (when it varies), two-factor, last sign-in, and the row's
 * actions (none on the viewer's own row: no self-lockout).
 */
export function AccountsTable<A extends Account>({
  caption,
  accounts,
  currentUserId,
  showRole = false,
  testIdPrefix,
  actions,
}: {
  caption: string;
  accounts: A[];
  currentUserId: string;
  showRole?: boolean;
  testIdPrefix: string;
  actions: (account: A) => ReactNode;
}) {
  return (
    <Table caption={caption}>
      <THead>
        <tr>
          <Th>Name</Th>
          <Th>Email</Th>
          {showRole && <Th>Role</Th>}
          <Th>Two-factor</Th>
          <Th>Last sign-in</Th>
          <Th className="text-right">
            <span className="sr-only">Actions</span>
          </Th>
        </tr>
      </THead>
      <TBody>
        {accounts.map((a) => (
          <Tr key={a.id} data-testid={`${testIdPrefix}-${a.email}`}>
            <Td className="font-medium">
              {a.name}
              {a.id === currentUserId && <span className="ml-1 text-xs font-normal text-slate-500 dark:text-slate-400">(you)</span>}
              {a.disabled && <Badge className="ml-2">Disabled</Badge>}
              {a.mustChangePassword && !a.disabled && <Badge tone="warning" className="ml-2">One-time password</Badge>}
            </Td>
            <Td>{a.email}</Td>
            {showRole && (
              <Td>
                <Badge tone={a.role === 'client_admin' ? 'info' : 'neutral'}>{ROLE_LABEL[a.role]}</Badge>
              </Td>
            )}
            <Td>{a.totpEnabled ? <Badge tone="success" icon="check">On</Badge> : <span className="text-slate-500 dark:text-slate-400">Off</span>}</Td>
            <Td>{a.lastSignInAt ? formatDateTime(a.lastSignInAt) : 'Never'}</Td>
            <Td className="text-right">{a.id !== currentUserId && actions(a)}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
