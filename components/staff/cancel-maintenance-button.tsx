'use client';

import { ConfirmedActionButton } from './confirmed-action-button';
import type { FormState } from './form-state';

export function CancelMaintenanceButton({ description, cancel }: { description: string; cancel: () => Promise<FormState> }) {
  return (
    <ConfirmedActionButton
      button={{ size: 'sm', variant: 'ghost', children: 'Cancel' }}
      dialog={{ title: 'Cancel this maintenance window?', description: `“${description}” disappears from clients' dashboards.`, confirmLabel: 'Cancel window', cancelLabel: 'Keep it' }}
      action={cancel}
      titles={{ failed: 'Not cancelled', done: 'Cancelled' }}
    />
  );
}
