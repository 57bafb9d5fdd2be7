'use client';

import { GeistSans } from 'geist/font/sans';
import './globals.css';

/** Replaces the root layout when it fails itself, so it brings its own <html> and styles. */
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en" className={GeistSans.variable}>
      <body className="font-sans">
        <main className="mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center px-6 text-center">
          <h1 className="text-xl font-semibold">CloudShield is unavailable</h1>
          <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">An unexpected error stopped the portal from loading.</p>
          {error.digest && <p className="mt-2 font-mono text-xs text-slate-500">Reference {error.digest}</p>}
          <button
            type="button"
            onClick={reset}
            className="mt-6 rounded-md bg-sky-700 px-3.5 py-2 text-sm font-medium text-white hover:bg-sky-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600"
          >
            Try again
          </button>
        </main>
      </body>
    </html>
  );
}
