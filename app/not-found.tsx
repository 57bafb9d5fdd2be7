import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button';

export const metadata = { title: 'Not found' };

/** Unknown ids and other tenants' ids land here alike: the portal never says which. */
export default function NotFound() {
  return (
    <main className="mx-auto flex min-h-[60dvh] max-w-md flex-col items-center justify-center px-6 text-center">
      <p className="font-mono text-sm text-slate-500 dark:text-slate-400">404</p>
      <h1 className="mt-2 text-xl font-semibold">Page not found</h1>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
        This page does not exist, or you do not have access to it.
      </p>
      <Link href="/" className={buttonClasses({ variant: 'secondary', className: 'mt-6' })}>
        Back to the dashboard
      </Link>
    </main>
  );
}
