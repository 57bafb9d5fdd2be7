import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';
import { cn } from './cn';

const CONTROL =
  'block w-full rounded-md border-0 bg-white px-2.5 py-1.5 text-sm text-slate-900 shadow-xs ring-1 ring-inset ring-slate-300 ' +
  'placeholder:text-slate-400 focus:outline-2 focus:-outline-offset-1 focus:outline-sky-600 disabled:opacity-60 ' +
  'aria-invalid:ring-red-500 dark:bg-slate-900 dark:text-slate-100 dark:ring-slate-700 dark:focus:outline-sky-400';

export function Input({ className, ...props }: InputHTMLAttributes<HTMLInputElement>) {
  return <input className={cn(CONTROL, 'h-9', className)} {...props} />;
}

export function Select({ className, ...props }: SelectHTMLAttributes<HTMLSelectElement>) {
  return <select className={cn(CONTROL, 'h-9 pr-8', className)} {...props} />;
}

export function Textarea({ className, ...props }: TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return <textarea className={cn(CONTROL, 'min-h-20', className)} {...props} />;
}

export type FieldProps = {
  /** id of the control inside, so the label and messages point at it. */
  htmlFor: string;
  label: ReactNode;
  /** Help text; give the control `aria-describedby={`${htmlFor}-hint`}`. */
  hint?: ReactNode;
  /** Validation message; give the control `aria-invalid` and `aria-describedby={`${htmlFor}-error`}`. */
  error?: string | null;
  children: ReactNode;
  className?: string;
};

/** The control's side of that wiring: `aria-invalid` and `aria-describedby` for its error and (if shown) hint. */
export const fieldAria = (id: string, error: string | null | undefined, hint = false) => ({
  'aria-invalid': error ? true : undefined,
  'aria-describedby': [error && `${id}-error`, hint && `${id}-hint`].filter(Boolean).join(' ') || undefined,
});

/** A label, the control, its help text and its error, wired by id. */
export function Field({ htmlFor, label, hint, error, children, className }: FieldProps) {
  return (
    <div className={cn('space-y-1', className)}>
      <label htmlFor={htmlFor} className="block text-sm font-medium text-slate-800 dark:text-slate-200">
        {label}
      </label>
      {children}
      {hint && (
        <p id={`${htmlFor}-hint`} className="text-xs text-slate-500 dark:text-slate-400">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${htmlFor}-error`} className="text-xs font-medium text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}
