'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useState, useTransition } from 'react';
import { tagCheckpointAction } from '@/app/(portal)/groups/actions';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/field';
import { useToast } from '@/components/ui/toast';

/** Writes a named checkpoint now (before a risky change), to recover to exactly that point. */
export function TagCheckpointForm({ groupId }: { groupId: string }) {
  const [tag, setTag] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const { toast } = useToast();
  const queryClient = useQueryClient();

  function submit(e: React.FormEvent) {
    e.preventDefault();
    start(async () => {
      const result = await tagCheckpointAction(groupId, tag);
      if (result.ok) {
        setTag('');
        setError(null);
        toast({ tone: 'success', title: result.message ?? 'Checkpoint tagged' });
        await queryClient.invalidateQueries({ queryKey: ['group-checkpoints', groupId] });
      } else {
        setError(result.errors?.tag ?? result.message);
        if (!result.errors?.tag) toast({ tone: 'danger', title: 'Checkpoint not tagged', description: result.message });
      }
    });
  }

  return (
    <form onSubmit={submit} className="flex flex-wrap items-start gap-2" data-testid="tag-checkpoint-form">
      <Field htmlFor="checkpoint-tag" label="Tag a checkpoint now" hint="A name to find it by in the failover wizard, e.g. “before ERP upgrade”." error={error} className="min-w-64 flex-1">
        <Input
          id="checkpoint-tag"
          value={tag}
          maxLength={64}
          onChange={(e) => setTag(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'checkpoint-tag-error' : 'checkpoint-tag-hint'}
        />
      </Field>
      <Button type="submit" icon="check" pending={pending} className="mt-6">
        Tag checkpoint
      </Button>
    </form>
  );
}
