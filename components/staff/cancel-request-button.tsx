'use client';

import { ConfirmedActionButton } from './confirmed-action-button';
import type { FormState } from './form-state';

/** A client withdraws its own request (confirmed: the provider stops working on it). */
export function CancelRequestButton({ cancel }: { cancel: () => Promise<FormState> }) {
  return (
    <ConfirmedActionButton
      button={{ variant: 'secondary', icon: 'x', children: 'Cancel request' }}
      dialog={{ title: 'Cancel this request?', description: 'The provider stops working on it. Raise a new request if you need it later.', confirmLabel: 'Cancel request', cancelLabel: 'Keep it' }}
      action={cancel}
      titles={{ failed: 'Not cancelled', done: 'Cancelled' }}
    />
  );
}
