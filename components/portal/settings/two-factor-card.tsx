'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { beginTotpAction, confirmTotpAction, disableTotpAction } from '@/app/(portal)/settings/actions';
import { fieldError, type ActionResult } from '@/components/portal/action-result';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { Field, Input } from '@/components/ui/field';
import { useToast } from '@/components/ui/toast';

/** TOTP enrolment in two steps (secret, then a code from the app), and switching it off with the password. */
export function TwoFactorCard({ enabled }: { enabled: boolean }) {
  const [enrolment, setEnrolment] = useState<{ secret: string; uri: string } | null>(null);
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [result, setResult] = useState<ActionResult | null>(null);
  const [pending, start] = useTransition();
  const { toast } = useToast();
  const router = useRouter();

  const run = (work: () => Promise<ActionResult>, after?: () => void) =>
    start(async () => {
      const r = await work();
      setResult(r);
      if (r.ok) {
        if (r.message) toast({ tone: 'success', title: r.message });
        after?.();
        router.refresh();
      } else if (!r.errors) toast({ tone: 'danger', title: 'Two-factor authentication', description: r.message });
    });

  return (
    <Card data-testid="two-factor-card">
      <CardHeader
        title="Two-factor authentication"
        description="A code from an authenticator app at every sign-in, on top of your password"
        actions={enabled ? <Badge tone="success" icon="checkCircle">On</Badge> : <Badge tone="warning" icon="warning">Off</Badge>}
      />
      <CardBody>
        {enabled ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              run(() => disableTotpAction(password), () => setPassword(''));
            }}
            className="flex flex-wrap items-start gap-3"
          >
            <Field htmlFor="totp-password" label="Your password, to turn it off" error={fieldError(result, 'password')} className="w-72">
              <Input id="totp-password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} aria-invalid={fieldError(result, 'password') ? true : undefined} aria-describedby={fieldError(result, 'password') ? 'totp-password-error' : undefined} />
            </Field>
            <Button type="submit" variant="danger" pending={pending} className="mt-6">
              Turn off
            </Button>
          </form>
        ) : enrolment ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              run(() => confirmTotpAction(code), () => setEnrolment(null));
            }}
            className="space-y-3"
          >
            <p className="text-sm">
              Add this key to your authenticator app (or open the link on the phone that has it), then enter the 6-digit code it shows.
            </p>
            <p className="text-sm">
              Key: <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs dark:bg-slate-800">{enrolment.secret}</code>{' '}
              <a href={enrolment.uri} className="text-sky-700 underline dark:text-sky-400">
                otpauth link
              </a>
            </p>
            <div className="flex flex-wrap items-start gap-3">
              <Field htmlFor="totp-code" label="Code from the app" error={fieldError(result, 'code')} className="w-48">
                <Input id="totp-code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} value={code} onChange={(e) => setCode(e.target.value)} aria-invalid={fieldError(result, 'code') ? true : undefined} aria-describedby={fieldError(result, 'code') ? 'totp-code-error' : undefined} />
              </Field>
              <Button type="submit" variant="primary" pending={pending} className="mt-6">
                Turn on
              </Button>
            </div>
          </form>
        ) : (
          <Button
            variant="primary"
            pending={pending}
            onClick={() =>
              start(async () => {
                const r = await beginTotpAction();
                if (r.ok && r.secret && r.uri) setEnrolment({ secret: r.secret, uri: r.uri });
                else if (!r.ok) toast({ tone: 'danger', title: 'Could not start enrolment', description: r.message });
              })
            }
          >
            Set up two-factor authentication
          </Button>
        )}
      </CardBody>
    </Card>
  );
}
