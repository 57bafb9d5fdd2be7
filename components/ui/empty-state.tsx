import type { ReactNode } from 'react';
import { cn } from './cn';
import { Icon, type IconName } from './icons';

export type EmptyStateProps = {
  title: ReactNode;
  description?: ReactNode;
  icon?: IconName;
  /** What to do about it: usually one button or link. */
  action?: ReactNode;
  /** When the empty state is the whole page (a 404), its title is the page's heading. */
  headingLevel?: 1 | 2;
  className?: string;
};

/** Says why a list is empty and what to do next, instead of a blank table. */
export function EmptyState({ title, description, icon = 'inbox', action, headingLevel, className }: EmptyStateProps) {
  const Title = headingLevel ? (`h${headingLevel}` as const) : 'p';
  return (
    <div className={cn('flex flex-col items-center justify-center px-6 py-10 text-center', className)}>
      <div className="mb-3 rounded-full bg-slate-100 p-2.5 text-slate-500 dark:bg-slate-800 dark:text-slate-400">
        <Icon name={icon} className="size-5" />
      </div>
      <Title className="text-sm font-medium text-slate-900 dark:text-slate-100">{title}</Title>
      {description && <p className="mt-1 max-w-sm text-sm text-slate-500 dark:text-slate-400">{description}</p>}
      {action && <div className="mt-4">{action}</div>}
    </div>
  );
}
