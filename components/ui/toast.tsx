'use client';

import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { cn } from './cn';
import { Icon, type IconName } from './icons';

export type ToastTone = 'success' | 'danger' | 'info' | 'warning';

export type ToastInput = {
  title: string;
  description?: string;
  tone?: ToastTone;
  /** Milliseconds before it hides; errors stay until dismissed unless given. */
  durationMs?: number;
};

type Toast = Required<Pick<ToastInput, 'title' | 'tone'>> & { id: number; description?: string };

type ToastApi = {
  toast: (input: ToastInput) => number;
  dismiss: (id: number) => void;
};

const ToastContext = createContext<ToastApi | null>(null);

const STYLE: Record<ToastTone, { icon: IconName; className: string }> = {
  success: { icon: 'checkCircle', className: 'text-emerald-600 dark:text-emerald-400' },
  danger: { icon: 'error', className: 'text-red-600 dark:text-red-400' },
  warning: { icon: 'warning', className: 'text-amber-600 dark:text-amber-400' },
  info: { icon: 'info', className: 'text-blue-600 dark:text-blue-400' },
};

/**
 * Toasts in two live regions that are always in the DOM (a region created together with its
 * message is often not announced): polite for news, assertive for errors. Errors do not vanish
 * on their own, so nobody has to read fast to learn an action failed.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((t) => t.id !== id)), []);

  const toast = useCallback(
    ({ title, description, tone = 'info', durationMs }: ToastInput) => {
      const id = nextId.current++;
      setToasts((all) => [...all.slice(-4), { id, title, description, tone }]);
      const ms = durationMs ?? (tone === 'danger' ? 0 : 5000);
      if (ms > 0) setTimeout(() => dismiss(id), ms);
      return id;
    },
    [dismiss],
  );

  const api = useMemo(() => ({ toast, dismiss }), [toast, dismiss]);
  const polite = toasts.filter((t) => t.tone !== 'danger');
  const urgent = toasts.filter((t) => t.tone === 'danger');

  return (
    <ToastContext.Provider value={api}>
      {children}
      <div className="pointer-events-none fixed bottom-4 right-4 z-50 flex w-[min(24rem,calc(100vw-2rem))] flex-col gap-2">
        <div aria-live="assertive" aria-relevant="additions" className="flex flex-col gap-2" data-testid="toasts-urgent">
          {urgent.map((t) => (
            <ToastItem key={t.id} toast={t} onDismiss={dismiss} />
          ))}
        </div>
        <div aria-live="polite" aria-relevant="additions" className="flex flex-col gap-2" data-testid="toasts">
          {polite.map((t) => (
            <ToastItem key={t.id} toast={t} onDismiss={dismiss} />
          ))}
        </div>
      </div>
    </ToastContext.Provider>
  );
}

function ToastItem({ toast, onDismiss }: { toast: Toast; onDismiss: (id: number) => void }) {
  const style = STYLE[toast.tone];
  return (
    <div
      className={cn(
        'pointer-events-auto flex items-start gap-3 rounded-lg border bg-white p-3 text-sm shadow-lg dark:bg-slate-900',
        toast.tone === 'danger' ? 'border-red-300 dark:border-red-500/50' : 'border-slate-200 dark:border-slate-700',
      )}
    >
      <Icon name={style.icon} className={cn('mt-0.5 size-4 shrink-0', style.className)} />
      <div className="min-w-0 flex-1">
        <p className="font-medium text-slate-900 dark:text-slate-100">{toast.title}</p>
        {toast.description && <p className="mt-0.5 text-slate-600 dark:text-slate-400">{toast.description}</p>}
      </div>
      <button
        type="button"
        onClick={() => onDismiss(toast.id)}
        className="rounded p-0.5 text-slate-400 hover:text-slate-700 focus-visible:outline-2 focus-visible:outline-sky-600 dark:hover:text-slate-200"
      >
        <Icon name="x" className="size-4" />
        <span className="sr-only">Dismiss notification</span>
      </button>
    </div>
  );
}

/** `const { toast } = useToast(); toast({ title: 'Test failover started', tone: 'success' })`. */
export function useToast(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error('useToast must be used inside <Providers> (components/providers.tsx)');
  return api;
}
