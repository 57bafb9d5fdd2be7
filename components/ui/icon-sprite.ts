import { GLYPHS } from './icon-glyphs';

const escapeAttr = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Every icon as a <symbol id="name"> in one SVG document, drawn the way Lucide draws them
 * (24-unit grid, 2-unit round strokes in the current text colour), for <use href="…#name">.
 */
export function iconSprite(): string {
  const symbols = Object.entries(GLYPHS).map(([name, node]) => {
    const shapes = node.map(([tag, attrs]) => `<${tag} ${Object.entries(attrs).map(([k, v]) => `${k}="${escapeAttr(String(v))}"`).join(' ')}/>`).join('');
    return `<symbol id="${name}" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${shapes}</symbol>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg">${symbols.join('')}</svg>`;
}
