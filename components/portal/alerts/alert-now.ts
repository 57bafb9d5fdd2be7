import type { AlertCurrentFigure } from '@/lib/domain/core/dto';
import { formatDuration } from '@/lib/format';

/**
 * The live figure beside an alert's frozen message ("raised at RPO 6 min" against "now 8 h 50 m"),
 * so a long breach never reads as the number it started at. Null when the alert has none.
 */
export function alertNowText(current: AlertCurrentFigure | null): string | null {
  if (!current) return null;
  if (current.figure === 'rpo') return current.seconds == null ? 'Now: RPO not measured' : `Now: RPO ${formatDuration(current.seconds)}`;
  return `Now: journal holds ${formatDuration(current.seconds ?? 0)}`;
}

/** Message and live figure in one line of text (tooltips, accessible names). */
export function alertText(a: { message: string; current: AlertCurrentFigure | null }): string {
  const now = alertNowText(a.current);
  return now ? `${a.message} (${now.charAt(0).toLowerCase()}${now.slice(1)})` : a.message;
}
