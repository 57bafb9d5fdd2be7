'use client';

import { signOut } from 'next-auth/react';
import { useState } from 'react';
import { signOutEverywhereAction } from '@/app/(portal)/settings/actions';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { useToast } from '@/components/ui/toast';

/**
 * Sign out everywhere: every browser session of this account ends at once, this one included
 * (a lost laptop, a shared computer). Signing out normally ends only the browser it is done in.
 * API tokens are separate and stay until revoked.
 */
export function SessionsCard() {
  const [confirming, setConfirming] = useState(false);
  const { toast } = useToast();
  return (
    <Card data-testid="sessions-card">
      <CardHeader title="Sessions" description="Signing out ends the session of that browser only. Signed in somewhere you no longer trust? End every session at once. API tokens are not affected." />
      <CardBody>
        <Button variant="danger" onClick={() => setConfirming(true)}>
          Sign out everywhere
        </Button>
      </CardBody>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        tone="danger"
        title="Sign out everywhere?"
        description="Every browser where you are signed in, this one included, is signed out at once. Sign in again to continue."
        confirmLabel="Sign out everywhere"
        onConfirm={async () => {
          const r = await signOutEverywhereAction();
          if (!r.ok) {
            toast({ tone: 'danger', title: 'Not signed out', description: r.message });
            throw new Error(r.message);
          }
          await signOut({ callbackUrl: '/login?notice=signed-out-everywhere' });
        }}
      />
    </Card>
  );
}
