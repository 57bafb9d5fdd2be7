'use client';

import { Button } from '@/components/ui/button';
import { useToast } from '@/components/ui/toast';

/**
 * Ten one-time recovery codes, shown once (only their hashes are stored): copy or download them
 * and keep them apart from the phone with the authenticator app.
 */
export function RecoveryCodes({ codes, email, onDone }: { codes: string[]; email?: string; onDone: () => void }) {
  const { toast } = useToast();
  const text = `CloudShield recovery codes${email ? ` for ${email}` : ''}\nEach code works once, instead of the code from your authenticator app.\n\n${codes.join('\n')}\n`;
  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
    const a = Object.assign(document.createElement('a'), { href: url, download: 'cloudshield-recovery-codes.txt' });
    document.body.append(a);
    a.click();
    a.remove();
    URL.revokeObjectURL(url);
  };
  return (
    <div className="rounded-md bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-600/30 ring-inset dark:bg-amber-500/10 dark:text-amber-200" data-testid="recovery-codes" role="status">
      <p className="font-medium">Your recovery codes: save them now, they are shown only once.</p>
      <p className="mt-1">
        If you lose the phone with your authenticator app, sign in with one of these instead of the 6-digit code. Each works once. Keep them in a password
        manager or on paper, not on that phone.
      </p>
      <ol className="mt-2 grid grid-cols-2 gap-x-6 gap-y-1 sm:w-fit" aria-label="Recovery codes">
        {codes.map((c) => (
          <li key={c}>
            <code className="rounded bg-white px-2 py-0.5 font-mono text-sm tracking-wide text-slate-900 dark:bg-slate-900 dark:text-slate-100" data-testid="recovery-code">
              {c}
            </code>
          </li>
        ))}
      </ol>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <Button size="sm" onClick={() => navigator.clipboard?.writeText(text).then(() => toast({ tone: 'success', title: 'Recovery codes copied' }))}>
          Copy
        </Button>
        <Button size="sm" onClick={download}>
          Download
        </Button>
        <Button size="sm" variant="ghost" onClick={onDone}>
          I have saved them
        </Button>
      </div>
    </div>
  );
}
