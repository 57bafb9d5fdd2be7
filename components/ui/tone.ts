/**
 * The one colour language of the portal (DESIGN "Look and feel"). Every status in the product
 * maps to one of these tones; components never pick raw colours for status themselves.
 */
export type Tone = 'success' | 'warning' | 'danger' | 'info' | 'progress' | 'neutral';

/** Tinted background + text + ring, readable in light and dark mode (WCAG AA on both): the
 * `.tone-*` component classes of app/globals.css (one short class, repeated on every badge). */
export const TONE_BADGE: Record<Tone, string> = {
  success: 'tone-success',
  warning: 'tone-warning',
  danger: 'tone-danger',
  info: 'tone-info',
  progress: 'tone-progress',
  neutral: 'tone-neutral',
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
