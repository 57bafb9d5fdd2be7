'use client';

import { Button } from '@/components/ui/button';
import { useToast } from '@/components/ui/toast';

type Props = { secret: string; message: string; copiedTitle: string; onDismiss: () => void; testId: string };

/** A secret the server shows only once (an API token, a webhook signing secret), with copy and dismiss. */
export function OneTimeSecret({ secret, message, copiedTitle, onDismiss, testId }: Props) {
  const { toast } = useToast();
  return (
    <div className="rounded-md bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-600/30 ring-inset dark:bg-amber-500/10 dark:text-amber-200" data-testid={testId}>
      <p className="font-medium">{message}</p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <code className="min-w-0 break-all rounded bg-white px-2 py-1 font-mono text-xs text-slate-900 dark:bg-slate-900 dark:text-slate-100">{secret}</code>
        <Button size="sm" onClick={() => navigator.clipboard?.writeText(secret).then(() => toast({ tone: 'success', title: copiedTitle }))}>
          Copy
        </Button>
        <Button size="sm" variant="ghost" onClick={onDismiss}>
          I have saved it
        </Button>
      </div>
    </div>
  );
}
