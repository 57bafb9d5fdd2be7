'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';

/** Ends the session (audited as auth.sign-out) and lands on the sign-in page with a full reload,
 * so nothing of the previous user stays in the query cache. next-auth's client loads on the click:
 * every page shows this button, few press it. */
export function SignOutButton({ className }: { className?: string }) {
  const [pending, setPending] = useState(false);
  return (
    <Button
      variant="ghost"
      size="sm"
      icon="logout"
      pending={pending}
      className={className}
      data-testid="sign-out"
      onClick={() => {
        setPending(true);
        import('next-auth/react').then(({ signOut }) => signOut({ callbackUrl: '/login' }), () => setPending(false));
      }}
    >
      Sign out
    </Button>
  );
}
