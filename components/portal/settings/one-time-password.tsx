'use client';

import { Button } from '@/components/ui/button';
import { useToast } from '@/components/ui/toast';
import { ONE_TIME_PASSWORD_DAYS } from '@/lib/auth/schemas';

/**
 * A password an administrator must hand over (invite, reset), shown once: only its argon2id hash
 * is stored. Its owner is asked to replace it when they sign in.
 */
export function OneTimePassword({ email, password, onDone }: { email: string; password: string; onDone: () => void }) {
  const { toast } = useToast();
  return (
    <div className="rounded-md bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-600/30 ring-inset dark:bg-amber-500/10 dark:text-amber-200" data-testid="initial-password" role="status">
      <p className="font-medium">One-time password for {email}: copy it now, it is shown only once.</p>
      <p className="mt-1">
        CloudShield sends no email. Give it to them through a secure channel (a password manager share or by phone), never in the same message as their
        email address. It works for {ONE_TIME_PASSWORD_DAYS} days; they are asked to choose their own when they sign in, and should turn on two-factor authentication.
      </p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <code className="rounded bg-white px-2 py-1 font-mono text-sm tracking-wide text-slate-900 dark:bg-slate-900 dark:text-slate-100" data-testid="initial-password-value">
          {password}
        </code>
        <Button size="sm" onClick={() => navigator.clipboard?.writeText(password).then(() => toast({ tone: 'success', title: 'Password copied' }))}>
          Copy
        </Button>
        <Button size="sm" variant="ghost" onClick={onDone}>
          I have shared it
        </Button>
      </div>
    </div>
  );
}
