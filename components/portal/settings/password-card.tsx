'use client';

import { signOut } from 'next-auth/react';
import { useState, useTransition } from 'react';
import { changePasswordAction } from '@/app/(portal)/settings/actions';
import { fieldError, type ActionResult } from '@/components/portal/action-result';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { Field, fieldAria, Input } from '@/components/ui/field';
import { useToast } from '@/components/ui/toast';
import { MIN_PASSWORD_LENGTH } from '@/lib/auth/schemas';

/**
 * The signed-in person changes their password (an invited user replaces the one they were
 * given). Every session ends with the change, so this one signs out and lands on sign-in.
 */
export function PasswordCard() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [result, setResult] = useState<ActionResult | null>(null);
  const [pending, start] = useTransition();
  const { toast } = useToast();
  const mismatch = repeat !== '' && repeat !== next ? 'The two new passwords differ' : null;
  const err = (f: string) => fieldError(result, f);

  function submit(e: React.FormEvent) {
    e.preventDefault();
    if (next !== repeat) {
      setResult({ ok: false, message: 'The two new passwords differ', errors: { repeatPassword: 'The two new passwords differ' } });
      return;
    }
    start(async () => {
      const r = await changePasswordAction({ currentPassword: current, newPassword: next });
      setResult(r);
      if (r.ok) {
        toast({ tone: 'success', title: r.message ?? 'Password changed' });
        await signOut({ callbackUrl: '/login?notice=password-changed' });
      } else if (!r.errors) toast({ tone: 'danger', title: 'Password not changed', description: r.message });
    });
  }

  return (
    <Card data-testid="password-card">
      <CardHeader title="Password" description="Changing it signs you out everywhere; API tokens keep working until you revoke them" />
      <CardBody>
        <form onSubmit={submit} noValidate className="grid max-w-3xl gap-4 md:grid-cols-3">
          <Field htmlFor="password-current" label="Current password" error={err('currentPassword')}>
            <Input id="password-current" type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} {...fieldAria('password-current', err('currentPassword'))} />
          </Field>
          <Field htmlFor="password-new" label="New password" hint={`At least ${MIN_PASSWORD_LENGTH} characters; a passphrase is easiest`} error={err('newPassword')}>
            <Input id="password-new" type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} {...fieldAria('password-new', err('newPassword'), true)} />
          </Field>
          <Field htmlFor="password-repeat" label="New password again" error={mismatch ?? err('repeatPassword')}>
            <Input id="password-repeat" type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} {...fieldAria('password-repeat', mismatch ?? err('repeatPassword'))} />
          </Field>
          <div className="md:col-span-3">
            <Button type="submit" pending={pending} disabled={!current || !next || !repeat}>
              Change password
            </Button>
          </div>
        </form>
      </CardBody>
    </Card>
  );
}
