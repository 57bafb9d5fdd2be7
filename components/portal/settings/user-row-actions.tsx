'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { resetTotpAction, updateUserAction } from '@/app/(portal)/settings/actions';
import type { ActionResult } from '@/components/portal/action-result';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Select } from '@/components/ui/field';
import { useToast } from '@/components/ui/toast';
import type { TenantUserDto } from '@/lib/domain/accounts/tenant-users';
import type { TenantRole, UpdateUserInput } from '@/lib/schemas/users';
import { ResetPasswordButton } from './reset-password-button';

/**
 * A user's role (changed with an explicit button, so arrowing through the select never
 * changes anything by itself) and Disable/Enable, disabling only after a confirmation.
 */
export function UserRowActions({ user }: { user: TenantUserDto }) {
  const current = user.role as TenantRole;
  const [role, setRole] = useState<TenantRole>(current);
  const [confirming, setConfirming] = useState(false);
  const [resettingTotp, setResettingTotp] = useState(false);
  const [pending, start] = useTransition();
  const { toast } = useToast();
  const router = useRouter();
  const selectId = `role-${user.id}`;

  const report = (r: ActionResult, failureTitle: string) => {
    if (r.ok) {
      toast({ tone: 'success', title: r.message ?? 'Saved' });
      router.refresh();
    } else toast({ tone: 'danger', title: failureTitle, description: r.errors ? Object.values(r.errors).join(' ') : r.message });
  };

  const update = (input: UpdateUserInput, failureTitle: string) =>
    start(async () => {
      const r = await updateUserAction(user.id, input);
      if (!r.ok && input.role) setRole(current);
      report(r, failureTitle);
    });

  return (
    <div className="flex flex-wrap items-center justify-end gap-2">
      <label htmlFor={selectId} className="sr-only">
        Role of {user.name}
      </label>
      <Select id={selectId} value={role} onChange={(e) => setRole(e.target.value as TenantRole)} className="h-7 w-36 py-0 text-xs" disabled={pending}>
        <option value="user">User</option>
        <option value="client_admin">Client admin</option>
      </Select>
      {role !== current && (
        <Button size="sm" variant="primary" pending={pending} onClick={() => update({ role }, 'Role not changed')} aria-label={`Change the role of ${user.name}`}>
          Change role
        </Button>
      )}
      {user.disabled ? (
        <Button size="sm" pending={pending} onClick={() => update({ disabled: false }, 'User not enabled')} aria-label={`Enable ${user.name}`}>
          Enable
        </Button>
      ) : (
        <Button size="sm" variant="ghost" disabled={pending} onClick={() => setConfirming(true)} aria-label={`Disable ${user.name}`}>
          Disable
        </Button>
      )}
      {!user.disabled && <ResetPasswordButton user={user} disabled={pending} />}
      {user.totpEnabled && (
        <Button size="sm" variant="ghost" disabled={pending} onClick={() => setResettingTotp(true)} aria-label={`Reset the two-factor authentication of ${user.name}`}>
          Reset 2FA
        </Button>
      )}
      <ConfirmDialog
        open={resettingTotp}
        onOpenChange={setResettingTotp}
        tone="danger"
        title={`Reset the two-factor authentication of ${user.name}?`}
        description={`Only when ${user.email} lost both their authenticator app and their recovery codes, and you have confirmed it is really them (call them back on a number you know). Until they set it up again, their password alone signs them in. Their open sessions end and their API tokens are revoked (the account may be compromised). They are told by e-mail; the reset is audited.`}
        confirmLabel="Reset two-factor"
        onConfirm={async () => {
          const r = await resetTotpAction(user.id);
          report(r, 'Two-factor not reset');
          if (!r.ok) throw new Error(r.message);
        }}
      />
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        tone="danger"
        title={`Disable ${user.name}?`}
        description={`${user.email} is signed out at once, cannot sign in, and their API tokens are revoked (scripts using them stop working). You can enable the account again later; revoked tokens stay revoked.`}
        confirmLabel="Disable user"
        onConfirm={async () => {
          const r = await updateUserAction(user.id, { disabled: true });
          report(r, 'User not disabled');
          if (!r.ok) throw new Error(r.message);
        }}
      />
    </div>
  );
}
