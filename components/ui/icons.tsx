import type { IconName } from './icon-glyphs';

export type { IconName };

/** The sprite's address, versioned by its content at build time (next.config.mjs). */
const SPRITE = process.env.NEXT_PUBLIC_ICON_SPRITE ?? '/icons.svg';

/**
 * An icon from the sprite: one small element per icon instead of its drawing, which the
 * browser fetches once and caches (rendering Lucide's components inline cost ~0.1 ms and
 * ~700 bytes each on the server, 40 of them on the dashboard). Icons are decorative: the text
 * next to them carries the meaning (aria-hidden). Size with a class (default `size-4`).
 */
export function Icon({ name, className = 'size-4' }: { name: IconName; className?: string }) {
  return (
    <svg aria-hidden="true" className={className}>
      <use href={`${SPRITE}#${name}`} />
    </svg>
  );
}
