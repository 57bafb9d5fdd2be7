'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { inviteUserAction } from '@/app/(portal)/settings/actions';
import { fieldError, type ActionResult } from '@/components/portal/action-result';
import { Button } from '@/components/ui/button';
import { Field, Input, Select } from '@/components/ui/field';
import { useToast } from '@/components/ui/toast';
import type { TenantRole } from '@/lib/schemas/users';

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
      {issued && (
        <div className="rounded-md bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-600/30 ring-inset dark:bg-amber-500/10 dark:text-amber-200" data-testid="initial-password" role="status">
          <p className="font-medium">Initial password for {issued.email}: copy it now, it is shown only once.</p>
          <p className="mt-1">
            CloudShield sends no email. Give it to them through a secure channel (a password manager share or by phone), never in the same message as
            their email address, and ask them to turn on two-factor authentication when they first sign in.
          </p>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <code className="rounded bg-white px-2 py-1 font-mono text-sm tracking-wide text-slate-900 dark:bg-slate-900 dark:text-slate-100" data-testid="initial-password-value">
              {issued.password}
            </code>
            <Button size="sm" onClick={() => navigator.clipboard?.writeText(issued.password).then(() => toast({ tone: 'success', title: 'Password copied' }))}>
              Copy
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setIssued(null)}>
              I have shared it
            </Button>
          </div>
        </div>
      )}
    </div>
  );
}
