'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { inviteUserAction } from '@/app/(portal)/settings/actions';
import { fieldError, type ActionResult } from '@/components/portal/action-result';
import { Button } from '@/components/ui/button';
import { Field, Input, Select } from '@/components/ui/field';
import { useToast } from '@/components/ui/toast';
import type { TenantRole } from '@/lib/schemas/users';
import { OneTimePassword } from './one-time-password';

/** Invite a user: name, email, role; the generated initial password is shown here once. */
export function InviteUserForm() {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<TenantRole>('user');
  const [result, setResult] = useState<ActionResult | null>(null);
  const [issued, setIssued] = useState<{ email: string; password: string } | null>(null);
  const [pending, start] = useTransition();
  const { toast } = useToast();
  const router = useRouter();

  function invite(e: React.FormEvent) {
    e.preventDefault();
    start(async () => {
      const r = await inviteUserAction({ name, email, role });
      setResult(r);
      if (r.ok && r.initialPassword && r.email) {
        setIssued({ email: r.email, password: r.initialPassword });
        setName('');
        setEmail('');
        setRole('user');
        toast({ tone: 'success', title: 'User invited', description: r.message });
        router.refresh();
      } else if (!r.ok && !r.errors) toast({ tone: 'danger', title: 'User not invited', description: r.message });
    });
  }

  const invalid = (field: string) => ({
    'aria-invalid': fieldError(result, field) ? true : undefined,
    'aria-describedby': fieldError(result, field) ? `invite-${field}-error` : undefined,
  });

  return (
    <div className="space-y-3">
      <form onSubmit={invite} className="flex flex-wrap items-start gap-3" noValidate aria-label="Invite user">
        <Field htmlFor="invite-name" label="Name" error={fieldError(result, 'name')} className="w-56">
          <Input id="invite-name" value={name} maxLength={120} autoComplete="off" onChange={(e) => setName(e.target.value)} {...invalid('name')} />
        </Field>
        <Field htmlFor="invite-email" label="Email" error={fieldError(result, 'email')} className="w-64">
          <Input id="invite-email" type="email" value={email} maxLength={254} autoComplete="off" onChange={(e) => setEmail(e.target.value)} {...invalid('email')} />
        </Field>
        <Field htmlFor="invite-role" label="Role" error={fieldError(result, 'role')} className="w-40">
          <Select id="invite-role" value={role} onChange={(e) => setRole(e.target.value as TenantRole)} {...invalid('role')}>
            <option value="user">User (read only)</option>
            <option value="client_admin">Client admin</option>
          </Select>
        </Field>
        <Button type="submit" variant="primary" pending={pending} className="mt-6">
          Invite user
        </Button>
      </form>
      {issued && <OneTimePassword email={issued.email} password={issued.password} onDone={() => setIssued(null)} />}
    </div>
  );
}
