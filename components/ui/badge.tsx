import type { ReactNode } from 'react';
import { cn } from './cn';
import { Icon, type IconName } from './icons';
import { TONE_BADGE, type Tone } from './tone';

export type BadgeProps = {
  tone?: Tone;
  icon?: IconName;
  children: ReactNode;
  className?: string;
  title?: string;
};

/** A compact label. Status badges always carry text (and usually an icon), never colour alone. */
export function Badge({ tone = 'neutral', icon, children, className, title }: BadgeProps) {
  return (
    <span
      title={title}
      className={cn('badge', TONE_BADGE[tone], className)}
    >
      {icon && <Icon name={icon} className="size-3.5 shrink-0" />}
      {children}
    </span>
  );
}
