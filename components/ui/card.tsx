import type { HTMLAttributes, ReactNode, Ref } from 'react';
import { cn } from './cn';

/** A bordered surface. Dense by default: the content decides its own padding via CardBody. */
export function Card({ className, ...props }: HTMLAttributes<HTMLElement> & { as?: 'section' | 'div' | 'article' }) {
  const { as: Tag = 'section', ...rest } = props;
  return (
    <Tag
      className={cn('card', className)}
      {...rest}
    />
  );
}

export type CardHeaderProps = {
  title: ReactNode;
  description?: ReactNode;
  /** Buttons or links at the right of the header. */
  actions?: ReactNode;
  /** Heading level, so a card's title fits the page outline (default h2). */
  level?: 2 | 3;
  /** For moving focus to the heading (a wizard's new step): the heading then takes programmatic focus. */
  headingRef?: Ref<HTMLHeadingElement>;
  className?: string;
};

export function CardHeader({ title, description, actions, level = 2, headingRef, className }: CardHeaderProps) {
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <header className={cn('flex items-start justify-between gap-3 border-b border-slate-200 px-4 py-3 dark:border-slate-800', className)}>
      <div className="min-w-0">
        <Heading ref={headingRef} tabIndex={headingRef ? -1 : undefined} className="rounded-sm text-sm font-semibold text-slate-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 dark:text-slate-100">
          {title}
        </Heading>
        {description && <p className="mt-0.5 text-xs text-slate-500 dark:text-slate-400">{description}</p>}
      </div>
      {actions && <div className="flex shrink-0 items-center gap-2">{actions}</div>}
    </header>
  );
}

export function CardBody({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return <div className={cn('px-4 py-3', className)} {...props} />;
}

/** A labelled figure for dashboards: "Average RPO · 8 s". */
export function Stat({ label, value, hint, className }: { label: ReactNode; value: ReactNode; hint?: ReactNode; className?: string }) {
  return (
    <div className={cn('min-w-0', className)}>
      <dt className="truncate text-xs font-medium text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="mt-1 text-xl font-semibold tabular-nums text-slate-900 dark:text-slate-50">{value}</dd>
      {hint && <dd className="mt-0.5 text-xs text-slate-500 dark:text-slate-400">{hint}</dd>}
    </div>
  );
}
