'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { resetPasswordAction } from '@/app/(portal)/settings/actions';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { FormDialog } from '@/components/ui/form-dialog';
import { useToast } from '@/components/ui/toast';
import { OneTimePassword } from './one-time-password';

/**
 * "Reset password" of another account — a tenant's user in Settings (UserRowActions) or a staff
 * member in the provider console: asks first, then shows the new one-time password once.
 */
export function ResetPasswordButton({ user, disabled }: { user: { id: string; name: string; email: string }; disabled?: boolean }) {
  const [resetting, setResetting] = useState(false);
  const [issued, setIssued] = useState<{ email: string; password: string } | null>(null);
  const { toast } = useToast();
  const router = useRouter();
  return (
    <>
      <Button size="sm" variant="ghost" disabled={disabled} onClick={() => setResetting(true)} aria-label={`Reset the password of ${user.name}`}>
        Reset password
      </Button>
      <ConfirmDialog
        open={resetting}
        onOpenChange={setResetting}
        title={`Reset the password of ${user.name}?`}
        description={`${user.email} is signed out at once and can sign in only with the one-time password you get next, then chooses their own. Their API tokens are revoked.`}
        confirmLabel="Reset password"
        onConfirm={async () => {
          const r = await resetPasswordAction(user.id);
          if (r.ok) {
            toast({ tone: 'success', title: r.message ?? 'Saved' });
            router.refresh();
          } else {
            toast({ tone: 'danger', title: 'Password not reset', description: r.errors ? Object.values(r.errors).join(' ') : r.message });
            throw new Error(r.message);
          }
          if (r.initialPassword && r.email) setIssued({ email: r.email, password: r.initialPassword });
        }}
      />
      <FormDialog open={issued !== null} onClose={() => setIssued(null)} title={`New password for ${user.name}`}>
        {issued && <OneTimePassword email={issued.email} password={issued.password} onDone={() => setIssued(null)} />}
      </FormDialog>
    </>
  );
}
