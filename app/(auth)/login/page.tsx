import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { LoginForm } from '@/components/auth/login-form';
import { Icon } from '@/components/ui/icons';
import { currentActor } from '@/lib/auth/current-actor';
import { homeFor, safeCallbackUrl } from '@/lib/auth/redirects';

export const metadata: Metadata = { title: 'Sign in' };
export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? null;

export default async function LoginPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(first(params.callbackUrl));
  // Checked against the database (not just the cookie), so a disabled account lands here
  // rather than bouncing between /login and the portal.
  const actor = await currentActor();
  if (actor) redirect(callbackUrl ?? homeFor(actor.role));

  return (
    <main className="flex min-h-dvh flex-col items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex flex-col items-center text-center">
          <span className="mb-3 inline-flex size-11 items-center justify-center rounded-xl bg-sky-700 text-white shadow-sm dark:bg-sky-600">
            <Icon name="shield" className="size-6" />
          </span>
          <h1 className="text-xl font-semibold tracking-tight">Sign in to CloudShield</h1>
          <p className="mt-1 text-sm text-slate-500 dark:text-slate-400">Disaster recovery for your CloudCore workloads</p>
        </div>
        {first(params.notice) === 'password-changed' && (
          <p role="status" data-testid="login-notice" className="mb-4 rounded-lg bg-emerald-50 px-4 py-3 text-sm text-emerald-900 ring-1 ring-inset ring-emerald-200 dark:bg-emerald-500/10 dark:text-emerald-200 dark:ring-emerald-500/30">
            Your password was changed and every session signed out. Sign in with your new password.
          </p>
        )}
        {first(params.notice) === 'signed-out-everywhere' && (
          <p role="status" data-testid="login-notice" className="mb-4 rounded-lg bg-emerald-50 px-4 py-3 text-sm text-emerald-900 ring-1 ring-inset ring-emerald-200 dark:bg-emerald-500/10 dark:text-emerald-200 dark:ring-emerald-500/30">
            You were signed out on every device.
          </p>
        )}
        <div className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200 dark:bg-slate-900 dark:ring-slate-800">
          <LoginForm callbackUrl={callbackUrl} initialError={first(params.error)} initialSso={first(params.sso) === '1' || (first(params.error) ?? '').startsWith('sso-') || first(params.error) === 'OAuthCallback'} />
        </div>
        <p className="mt-6 text-center text-xs text-slate-500 dark:text-slate-400">
          Sessions end after a period of inactivity. Every sign-in is recorded in your audit trail.
        </p>
      </div>
    </main>
  );
}
