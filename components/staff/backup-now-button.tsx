'use client';

import { useEffect, useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { Button } from '@/components/ui/button';
import { useToast } from '@/components/ui/toast';
import type { FormState } from './form-state';

/**
 * "Back up now": the action resolves when the backup is written and verified. Meanwhile the
 * button shows a spinner and the copied share, read from GET /api/v1/admin/backups.
 */
export function BackupNowButton({ backUp, disabled }: { backUp: () => Promise<FormState>; disabled?: boolean }) {
  const [pending, startTransition] = useTransition();
  const [percent, setPercent] = useState<number | null>(null);
  const { toast } = useToast();
  const router = useRouter();

  useEffect(() => {
    if (!pending) return;
    let stopped = false;
    const poll = async () => {
      try {
        const res = await fetch('/api/v1/admin/backups', { cache: 'no-store' });
        if (res.ok && !stopped) setPercent((await res.json()).running?.percent ?? null);
      } catch {
        /* the next poll tries again */
      }
    };
    const timer = setInterval(poll, 700);
    return () => {
      stopped = true;
      clearInterval(timer);
      setPercent(null);
    };
  }, [pending]);

  function run() {
    startTransition(async () => {
      const state = await backUp();
      if (state.ok) toast({ title: 'Backup written and verified', description: state.message, tone: 'success' });
      else toast({ title: 'No backup made', description: state.message, tone: 'danger' });
      router.refresh();
    });
  }

  return (
    <Button variant="primary" icon="refresh" pending={pending} disabled={disabled} onClick={run} data-testid="backup-now">
      {pending ? `Backing up…${percent !== null ? ` ${percent}%` : ''}` : 'Back up now'}
    </Button>
  );
}
