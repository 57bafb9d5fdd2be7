'use client';

import { getSession, signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import Link from 'next/link';
import { Button, buttonClasses } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/field';
import { homeFor } from '@/lib/auth/redirects';
import { describeSignInError } from './sign-in-errors';

type Props = {
  /** Already checked to be a path on this site. */
  callbackUrl: string | null;
  /** An error code next-auth put in the URL (for example after an expired session). */
  initialError: string | null;
  /** Start on "Sign in with your organisation" (single sign-on, /login?sso=1). */
  initialSso?: boolean;
};

export function LoginForm({ callbackUrl, initialError, initialSso = false }: Props) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(initialError ? describeSignInError(initialError).message : null);
  const [showCode, setShowCode] = useState(false);
  const [pending, setPending] = useState(false);
  const [sso, setSso] = useState(initialSso);
  const withCallback = (href: string) => (callbackUrl ? `${href}${href.includes('?') ? '&' : '?'}callbackUrl=${encodeURIComponent(callbackUrl)}` : href);

  // "Sign in with your organisation": the email's domain says which identity provider (if any).
  async function onSso(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get('email') ?? '').trim();
    setPending(true);
    setError(null);
    try {
      const res = await fetch(`/api/v1/auth/sso?email=${encodeURIComponent(email)}`, { headers: { accept: 'application/json' } });
      const body = (await res.json().catch(() => ({}))) as { provider?: string | null; detail?: string };
      if (res.status === 429) {
        setError('Too many look-ups from your network. Wait a minute, then try again.');
        setPending(false);
        return;
      }
      if (!res.ok) throw new Error(body.detail ?? 'lookup failed');
      if (!body.provider) {
        setError('Your organisation does not sign in with single sign-on here. Sign in with your email and password.');
        setPending(false);
        return;
      }
      await signIn(body.provider, { callbackUrl: callbackUrl ?? '/' }, { login_hint: email });
    } catch {
      setError('Enter your work email address.');
      setPending(false);
    }
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const result = await signIn('credentials', {
        redirect: false,
        email: String(form.get('email') ?? ''),
        password: String(form.get('password') ?? ''),
        otp: String(form.get('otp') ?? ''),
        callbackUrl: callbackUrl ?? '/',
      });
      if (!result?.ok || result.error) {
        const problem = describeSignInError(result?.error ?? 'server-error');
        if (problem.needsCode) setShowCode(true);
        setError(problem.message);
        setPending(false);
        return;
      }
      // The role decides the landing page; the fresh session says which it is.
      const session = await getSession();
      router.replace(callbackUrl ?? homeFor(session?.user.role ?? 'user'));
      router.refresh();
    } catch {
      setError(describeSignInError('server-error').message);
      setPending(false);
    }
  }

  const errorBox = error && (
    <div
      id="login-error"
      role="alert"
      data-testid="login-error"
      className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-900/60 dark:bg-red-950/40 dark:text-red-300"
    >
      {error}
    </div>
  );

  if (sso) {
    return (
      <form onSubmit={onSso} className="space-y-4" aria-describedby={error ? 'login-error' : undefined} data-testid="sso-form">
        {errorBox}
        <Field htmlFor="sso-email" label="Work email" hint="You continue at your organisation's sign-in page.">
          <Input id="sso-email" name="email" type="email" autoComplete="username" required autoFocus spellCheck={false} aria-describedby="sso-email-hint" />
        </Field>
        <Button type="submit" variant="primary" pending={pending} className="w-full">
          {pending ? 'Redirecting…' : 'Continue'}
        </Button>
        <Link href={withCallback('/login')} onClick={(e) => { e.preventDefault(); setSso(false); setError(null); }} className="block w-full text-center text-xs font-medium text-sky-700 hover:underline dark:text-sky-400">
          Sign in with email and password instead
        </Link>
      </form>
    );
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" aria-describedby={error ? 'login-error' : undefined}>
      {error && (
        <div
          id="login-error"
          role="alert"
          data-testid="login-error"
          className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-900/60 dark:bg-red-950/40 dark:text-red-300"
        >
          {error}
        </div>
      )}
      <Field htmlFor="email" label="Email">
        <Input id="email" name="email" type="email" autoComplete="username" required autoFocus spellCheck={false} />
      </Field>
      <Field htmlFor="password" label="Password">
        <Input id="password" name="password" type="password" autoComplete="current-password" required />
      </Field>
      {showCode ? (
        <Field htmlFor="otp" label="Authentication code" hint="The 6-digit code from your authenticator app, or one of your recovery codes (each works once).">
          <Input
            id="otp"
            name="otp"
            autoComplete="one-time-code"
            spellCheck={false}
            autoCapitalize="characters"
            maxLength={32}
            autoFocus
            aria-describedby="otp-hint"
            className="font-mono tracking-[0.3em]"
          />
        </Field>
      ) : (
        <button
          type="button"
          onClick={() => setShowCode(true)}
          className="text-xs font-medium text-sky-700 hover:underline dark:text-sky-400"
        >
          I have an authentication code
        </button>
      )}
      <Button type="submit" variant="primary" pending={pending} className="w-full">
        {pending ? 'Signing in…' : 'Sign in'}
      </Button>
      <div className="flex items-center gap-3 text-xs text-slate-600 dark:text-slate-400" aria-hidden="true">
        <span className="h-px flex-1 bg-slate-200 dark:bg-slate-800" />
        or
        <span className="h-px flex-1 bg-slate-200 dark:bg-slate-800" />
      </div>
      {/* A link, not a button: "Sign in" stays the one button of the password form. */}
      <Link href={withCallback('/login?sso=1')} onClick={(e) => { e.preventDefault(); setSso(true); setError(null); }} className={buttonClasses({ variant: 'secondary', className: 'w-full' })} data-testid="sso-start">
        Sign in with your organisation
      </Link>
    </form>
  );
}
