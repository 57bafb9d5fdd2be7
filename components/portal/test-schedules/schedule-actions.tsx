'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { deleteScheduleAction, setSchedulePausedAction } from '@/app/(portal)/test-schedules/actions';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { useToast } from '@/components/ui/toast';

/** Pause or resume (a click), delete (after a confirmation): client administrators only. */
export function ScheduleActions({ id, name, paused }: { id: string; name: string; paused: boolean }) {
  const [pending, start] = useTransition();
  const [confirm, setConfirm] = useState(false);
  const { toast } = useToast();
  const router = useRouter();
  const togglePause = () =>
    start(async () => {
      const r = await setSchedulePausedAction(id, !paused);
      toast(r.ok ? { tone: 'success', title: r.message ?? 'Saved' } : { tone: 'danger', title: 'Not changed', description: r.message });
      router.refresh();
    });
  return (
    <div className="flex flex-wrap gap-1">
      <Button size="sm" variant="ghost" icon={paused ? 'refresh' : 'pause'} pending={pending} onClick={togglePause} aria-label={`${paused ? 'Resume' : 'Pause'} ${name}`}>
        {paused ? 'Resume' : 'Pause'}
      </Button>
      <Button size="sm" variant="ghost" icon="x" onClick={() => setConfirm(true)} aria-label={`Delete ${name}`}>
        Delete
      </Button>
      <ConfirmDialog
        open={confirm}
        onOpenChange={setConfirm}
        title={`Delete the schedule "${name}"?`}
        description="No more drills will start from it. Its past drills stay in the reports as evidence; a drill running now finishes."
        confirmLabel="Delete schedule"
        tone="danger"
        onConfirm={async () => {
          const r = await deleteScheduleAction(id);
          // Success redirects; a refusal comes back.
          if (r && !r.ok) {
            toast({ tone: 'danger', title: 'Not deleted', description: r.message });
            throw new Error(r.message);
          }
        }}
      />
    </div>
  );
}
