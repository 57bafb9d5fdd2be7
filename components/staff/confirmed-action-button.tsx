'use client';

import { useState } from 'react';
import { Button, type ButtonProps } from '@/components/ui/button';
import { ConfirmDialog, type ConfirmDialogProps } from '@/components/ui/confirm-dialog';
import type { FormState } from './form-state';
import { useFormStateAction } from './use-form-state-action';

type Props = {
  /** The button that opens the confirmation. */
  button: Omit<ButtonProps, 'onClick'>;
  dialog: Omit<ConfirmDialogProps, 'open' | 'onOpenChange' | 'onConfirm'>;
  action: () => Promise<FormState>;
  titles: { failed: string; done: string };
};

/** A destructive console action behind a confirmation, with its outcome as a toast. */
export function ConfirmedActionButton({ button, dialog, action, titles }: Props) {
  const [open, setOpen] = useState(false);
  const { run } = useFormStateAction();
  return (
    <>
      <Button {...button} onClick={() => setOpen(true)} />
      <ConfirmDialog tone="danger" {...dialog} open={open} onOpenChange={setOpen} onConfirm={() => run(action, titles)} />
    </>
  );
}
