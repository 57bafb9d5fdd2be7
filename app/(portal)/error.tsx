'use client';

import Link from 'next/link';
import { Button, buttonClasses } from '@/components/ui/button';
import { Icon } from '@/components/ui/icons';

/**
 * An unexpected failure inside the portal: the navigation stays, and there is a way forward
 * (retry, go back to the dashboard, or tell the provider with the reference).
 */
export default function PortalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="mx-auto flex min-h-[50dvh] max-w-md flex-col items-center justify-center text-center" data-testid="portal-error">
      <span className="rounded-full bg-red-100 p-2 text-red-700 dark:bg-red-500/15 dark:text-red-300">
        <Icon name="error" className="size-5" />
      </span>
      <h1 className="mt-3 text-lg font-semibold">This page could not be shown</h1>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
        Replication and failovers are not affected: this is a display problem. Try again; if it keeps failing, raise a service request and quote the reference.
      </p>
      {error.digest && <p className="mt-2 font-mono text-xs text-slate-500 dark:text-slate-400">Reference {error.digest}</p>}
      <div className="mt-6 flex flex-wrap justify-center gap-2">
        <Button variant="primary" icon="refresh" onClick={reset}>
          Try again
        </Button>
        <Link href="/" className={buttonClasses()}>
          Dashboard
        </Link>
        <Link href="/requests/new" className={buttonClasses({ variant: 'ghost' })}>
          Raise a service request
        </Link>
      </div>
    </div>
  );
}
