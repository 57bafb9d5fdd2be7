import type { StaffAccountDto } from '@/lib/domain/accounts/tenant-users';
import { Badge } from '@/components/ui/badge';
import { Card, CardHeader } from '@/components/ui/card';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { formatDateTime } from '@/lib/format';
import { ResetPasswordButton } from '@/components/portal/settings/reset-password-button';

/**
 * The provider's staff accounts. A staff member who lost their password asks another, who
 * resets it here (a one-time password, shown once); nobody resets their own this way.
 */
export function StaffAccountsCard({ accounts, currentUserId }: { accounts: StaffAccountDto[]; currentUserId: string }) {
  return (
    <Card data-testid="staff-accounts-card">
      <CardHeader title="Staff accounts" description="Reset another staff member's password when they have lost it: they are signed out and choose their own at next sign-in. Your own is changed above." />
      <Table caption="Staff accounts">
        <THead>
          <tr>
            <Th>Name</Th>
            <Th>Email</Th>
            <Th>Two-factor</Th>
            <Th>Last sign-in</Th>
            <Th className="text-right">
              <span className="sr-only">Actions</span>
            </Th>
          </tr>
        </THead>
        <TBody>
          {accounts.map((a) => (
            <Tr key={a.id} data-testid={`staff-row-${a.email}`}>
              <Td className="font-medium">
                {a.name}
                {a.id === currentUserId && <span className="ml-1 text-xs font-normal text-slate-500 dark:text-slate-400">(you)</span>}
                {a.disabled && <Badge className="ml-2">Disabled</Badge>}
                {a.mustChangePassword && !a.disabled && <Badge tone="warning" className="ml-2">One-time password</Badge>}
              </Td>
              <Td>{a.email}</Td>
              <Td>{a.totpEnabled ? <Badge tone="success" icon="check">On</Badge> : <span className="text-slate-500 dark:text-slate-400">Off</span>}</Td>
              <Td>{a.lastSignInAt ? formatDateTime(a.lastSignInAt) : 'Never'}</Td>
              <Td className="text-right">{a.id !== currentUserId && !a.disabled && <ResetPasswordButton user={a} />}</Td>
            </Tr>
          ))}
        </TBody>
      </Table>
    </Card>
  );
}
