'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { beginTotpAction, confirmTotpAction, disableTotpAction, regenerateRecoveryCodesAction } from '@/app/(portal)/settings/actions';
import { fieldError, type ActionResult } from '@/components/portal/action-result';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { Field, Input } from '@/components/ui/field';
import { useToast } from '@/components/ui/toast';
import { RecoveryCodes } from './recovery-codes';

type Form = 'begin' | 'confirm' | 'regenerate' | 'off';

/**
 * TOTP enrolment in two steps (the password again, then a code from the app), ten recovery codes
 * shown once, new codes with a current code, and switching it off with the password and a code.
 */
export function TwoFactorCard({ enabled, recoveryCodesLeft = 0 }: { enabled: boolean; recoveryCodesLeft?: number }) {
  const [enrolment, setEnrolment] = useState<{ secret: string; uri: string } | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [offCode, setOffCode] = useState('');
  const [newCodesCode, setNewCodesCode] = useState('');
  // The last answer and the form it was for: each form shows only its own field errors.
  const [last, setLast] = useState<{ form: Form; result: ActionResult } | null>(null);
  const error = (form: Form, field: string) => (last?.form === form ? fieldError(last.result, field) : null);
  const aria = (form: Form, field: string, id: string) => (error(form, field) ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-error` } : {});
  const [pending, start] = useTransition();
  const { toast } = useToast();
  const router = useRouter();

  const run = <R extends ActionResult>(form: Form, work: () => Promise<R>, after?: (r: R) => void) =>
    start(async () => {
      const r = await work();
      setLast({ form, result: r });
      if (r.ok) {
        if (r.message) toast({ tone: 'success', title: r.message });
        after?.(r);
        router.refresh();
      } else if (!r.errors) toast({ tone: 'danger', title: 'Two-factor authentication', description: r.message });
    });

  const few = recoveryCodesLeft <= 3;

  return (
    <Card data-testid="two-factor-card">
      <CardHeader
        title="Two-factor authentication"
        description="A code from an authenticator app at every sign-in, on top of your password"
        actions={enabled ? <Badge tone="success" icon="checkCircle">On</Badge> : <Badge tone="warning" icon="warning">Off</Badge>}
      />
      <CardBody className="space-y-4">
        {codes && <RecoveryCodes codes={codes} onDone={() => setCodes(null)} />}
        {enabled ? (
          <>
            <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="recovery-codes-left">
              <span>Recovery codes left:</span>
              <Badge tone={recoveryCodesLeft === 0 ? 'danger' : few ? 'warning' : 'neutral'}>{recoveryCodesLeft} of 10</Badge>
              {few && <span className="text-slate-600 dark:text-slate-400">Make new ones before you run out.</span>}
            </div>
            <form
              onSubmit={(e) => {
                e.preventDefault();
                run('regenerate', () => regenerateRecoveryCodesAction(newCodesCode), (r) => {
                  setNewCodesCode('');
                  if (r.recoveryCodes) setCodes(r.recoveryCodes);
                });
              }}
              className="flex flex-wrap items-start gap-3"
              aria-label="New recovery codes"
            >
              <Field htmlFor="recovery-regenerate-code" label="Code from the app, for new codes" error={error('regenerate', 'code')} className="w-72">
                <Input id="recovery-regenerate-code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} value={newCodesCode} onChange={(e) => setNewCodesCode(e.target.value)} {...aria('regenerate', 'code', 'recovery-regenerate-code')} />
              </Field>
              <Button type="submit" pending={pending} className="mt-6">
                Regenerate codes
              </Button>
            </form>
            <form
              onSubmit={(e) => {
                e.preventDefault();
                run('off', () => disableTotpAction(password, offCode), () => {
                  setPassword('');
                  setOffCode('');
                });
              }}
              className="flex flex-wrap items-start gap-3 border-t border-slate-200 pt-4 dark:border-slate-800"
              aria-label="Turn off two-factor authentication"
            >
              <Field htmlFor="totp-password" label="Your password, to turn it off" error={error('off', 'password')} className="w-64">
                <Input id="totp-password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} {...aria('off', 'password', 'totp-password')} />
              </Field>
              <Field htmlFor="totp-off-code" label="Code from the app or a recovery code" error={error('off', 'code')} className="w-64">
                <Input id="totp-off-code" autoComplete="one-time-code" spellCheck={false} maxLength={32} value={offCode} onChange={(e) => setOffCode(e.target.value)} {...aria('off', 'code', 'totp-off-code')} />
              </Field>
              <Button type="submit" variant="danger" pending={pending} className="mt-6">
                Turn off
              </Button>
            </form>
          </>
        ) : codes ? null : enrolment ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              run('confirm', () => confirmTotpAction(code), (r) => {
                setEnrolment(null);
                setCode('');
                if (r.recoveryCodes) setCodes(r.recoveryCodes);
              });
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
              <Field htmlFor="totp-code" label="Code from the app" error={error('confirm', 'code')} className="w-48">
                <Input id="totp-code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} value={code} onChange={(e) => setCode(e.target.value)} {...aria('confirm', 'code', 'totp-code')} />
              </Field>
              <Button type="submit" variant="primary" pending={pending} className="mt-6">
                Turn on
              </Button>
            </div>
          </form>
        ) : (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              start(async () => {
                const r = await beginTotpAction(password);
                setLast({ form: 'begin', result: r });
                if (r.ok && r.secret && r.uri) {
                  setPassword('');
                  setEnrolment({ secret: r.secret, uri: r.uri });
                } else if (!r.ok && !r.errors) toast({ tone: 'danger', title: 'Could not start enrolment', description: r.message });
              });
            }}
            className="flex flex-wrap items-start gap-3"
          >
            <Field htmlFor="totp-begin-password" label="Your password, to set it up" error={error('begin', 'password')} className="w-72">
              <Input id="totp-begin-password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} {...aria('begin', 'password', 'totp-begin-password')} />
            </Field>
            <Button type="submit" variant="primary" pending={pending} className="mt-6">
              Set up two-factor authentication
            </Button>
          </form>
        )}
      </CardBody>
    </Card>
  );
}
