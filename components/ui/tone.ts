/**
 * The one colour language of the portal (DESIGN "Look and feel"). Every status in the product
 * maps to one of these tones; components never pick raw colours for status themselves.
 */
export type Tone = 'success' | 'warning' | 'danger' | 'info' | 'progress' | 'neutral';

/** Tinted background + text + ring, readable in light and dark mode (WCAG AA on both). */
export const TONE_BADGE: Record<Tone, string> = {
  success: 'bg-emerald-50 text-emerald-800 ring-emerald-600/25 dark:bg-emerald-500/10 dark:text-emerald-300 dark:ring-emerald-400/30',
  warning: 'bg-amber-50 text-amber-800 ring-amber-600/30 dark:bg-amber-500/10 dark:text-amber-300 dark:ring-amber-400/30',
  danger: 'bg-red-50 text-red-800 ring-red-600/25 dark:bg-red-500/10 dark:text-red-300 dark:ring-red-400/30',
  info: 'bg-blue-50 text-blue-800 ring-blue-600/25 dark:bg-blue-500/10 dark:text-blue-300 dark:ring-blue-400/30',
  progress: 'bg-violet-50 text-violet-800 ring-violet-600/25 dark:bg-violet-500/10 dark:text-violet-300 dark:ring-violet-400/30',
  neutral: 'bg-slate-100 text-slate-700 ring-slate-500/25 dark:bg-slate-500/15 dark:text-slate-300 dark:ring-slate-400/30',
};

/** Solid fills for bars, dots and chart series of a tone. */
export const TONE_FILL: Record<Tone, string> = {
  success: 'bg-emerald-500',
  warning: 'bg-amber-500',
  danger: 'bg-red-500',
  info: 'bg-blue-500',
  progress: 'bg-violet-500',
  neutral: 'bg-slate-400',
};

/** Hex values of the same tones for Recharts (which needs colours, not classes). */
export const TONE_HEX: Record<Tone, string> = {
  success: '#10b981',
  warning: '#f59e0b',
  danger: '#ef4444',
  info: '#3b82f6',
  progress: '#8b5cf6',
  neutral: '#94a3b8',
};
