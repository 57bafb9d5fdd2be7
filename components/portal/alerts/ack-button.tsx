'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useTransition } from 'react';
import { acknowledgeAlertAction } from '@/app/(portal)/alerts/actions';
import { Button } from '@/components/ui/button';
import { useToast } from '@/components/ui/toast';

export function AckButton({ alertId, label }: { alertId: string; label: string }) {
  const [pending, start] = useTransition();
  const { toast } = useToast();
  const queryClient = useQueryClient();
  return (
    <Button
      size="sm"
      pending={pending}
      aria-label={`Acknowledge: ${label}`}
      onClick={() =>
        start(async () => {
          const r = await acknowledgeAlertAction(alertId);
          if (r.ok) toast({ tone: 'success', title: 'Alert acknowledged' });
          else toast({ tone: 'danger', title: 'Not acknowledged', description: r.message });
          await queryClient.invalidateQueries({ queryKey: ['alerts'] });
        })
      }
    >
      Acknowledge
    </Button>
  );
}
