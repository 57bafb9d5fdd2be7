'use client';

import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { Button } from './button';
import { cn } from './cn';
import { Icon } from './icons';
import { Input } from './field';

export type ConfirmDialogProps = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: ReactNode;
  /** Extra content between the description and the buttons (a summary of what will happen). */
  children?: ReactNode;
  confirmLabel?: string;
  cancelLabel?: string;
  /** `danger` for destructive or irreversible actions: red frame and red confirm button. */
  tone?: 'default' | 'danger';
  /** When set, confirming requires typing this exact text (a group name, "FAILOVER"). */
  confirmationText?: string;
  /** Busy state owned by the caller; an async onConfirm also shows it while it runs. */
  pending?: boolean;
  /** The caller's own fields (in `children`) are not complete yet: confirming waits for them. */
  confirmDisabled?: boolean;
  /** The dialog closes when this resolves; throw (or reject) to keep it open. */
  onConfirm: () => void | Promise<void>;
};

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * A modal confirmation on the native <dialog>: showModal() makes the page behind inert, Escape
 * cancels and focus returns to the opener on close. Tab is also wrapped inside the dialog so
 * keyboard users never fall out into the browser chrome mid-decision.
 */
export function ConfirmDialog({
  open, onOpenChange, title, description, children, confirmLabel = 'Confirm', cancelLabel = 'Cancel',
  tone = 'default', confirmationText, pending = false, confirmDisabled = false, onConfirm,
}: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const ids = useId();
  const [typed, setTyped] = useState('');
  const [running, setRunning] = useState(false);
  const busy = pending || running;
  const danger = tone === 'danger';
  const typedOk = (!confirmationText || typed.trim() === confirmationText) && !confirmDisabled;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      setTyped('');
      dialog.showModal();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  async function confirm() {
    if (!typedOk || busy) return;
    setRunning(true);
    try {
      await onConfirm();
      onOpenChange(false);
    } catch {
      // The caller reports the failure (toast or inline); the dialog stays open for a retry.
    } finally {
      setRunning(false);
    }
  }

  function trapTab(e: KeyboardEvent<HTMLDialogElement>) {
    if (e.key !== 'Tab' || !ref.current) return;
    const items = Array.from(ref.current.querySelectorAll<HTMLElement>(FOCUSABLE));
    if (items.length === 0) return;
    const first = items[0];
    const last = items[items.length - 1];
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  }

  return (
    <dialog
      ref={ref}
      aria-labelledby={`${ids}-title`}
      aria-describedby={description ? `${ids}-desc` : undefined}
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onOpenChange(false);
      }}
      onKeyDown={trapTab}
      className={cn(
        'm-auto w-[min(32rem,calc(100vw-2rem))] rounded-lg bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-950/50 dark:bg-slate-900 dark:text-slate-100',
        danger ? 'border-2 border-red-600 dark:border-red-500' : 'border border-slate-200 dark:border-slate-700',
      )}
    >
      {open && (
        <form
          method="dialog"
          onSubmit={(e) => {
            e.preventDefault();
            void confirm();
          }}
          className="p-5"
        >
          <div className="flex items-start gap-3">
            {danger && (
              <span className="mt-0.5 rounded-full bg-red-100 p-1.5 text-red-700 dark:bg-red-500/15 dark:text-red-300">
                <Icon name="warning" className="size-4" />
              </span>
            )}
            <div className="min-w-0 flex-1">
              <h2 id={`${ids}-title`} className="text-base font-semibold">
                {title}
              </h2>
              {description && (
                <div id={`${ids}-desc`} className="mt-1 text-sm text-slate-600 dark:text-slate-400">
                  {description}
                </div>
              )}
            </div>
          </div>
          {children && <div className="mt-4 text-sm">{children}</div>}
          {confirmationText && (
            <div className="mt-4 space-y-1">
              <label htmlFor={`${ids}-typed`} className="block text-sm">
                Type <strong className="font-mono font-semibold">{confirmationText}</strong> to confirm
              </label>
              <Input
                id={`${ids}-typed`}
                value={typed}
                autoFocus
                autoComplete="off"
                spellCheck={false}
                onChange={(e) => setTyped(e.target.value)}
              />
            </div>
          )}
          <div className="mt-5 flex justify-end gap-2">
            <Button variant="secondary" onClick={() => onOpenChange(false)} disabled={busy} autoFocus={!confirmationText && danger}>
              {cancelLabel}
            </Button>
            <Button
              type="submit"
              variant={danger ? 'danger' : 'primary'}
              disabled={!typedOk}
              pending={busy}
              autoFocus={!confirmationText && !danger}
            >
              {confirmLabel}
            </Button>
          </div>
        </form>
      )}
    </dialog>
  );
}
