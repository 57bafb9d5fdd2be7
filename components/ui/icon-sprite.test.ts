import { describe, expect, it } from 'vitest';
import { GLYPHS } from './icon-glyphs';
import { iconSprite } from './icon-sprite';

describe('icon sprite', () => {
  const sprite = iconSprite();
  const symbols = [...sprite.matchAll(/<symbol id="([^"]+)"[^>]*>(.*?)<\/symbol>/g)].map(([, id, body]) => ({ id, body }));

  it('holds one drawn symbol per icon name, each under its name', () => {
    expect(symbols.map((s) => s.id).sort()).toEqual(Object.keys(GLYPHS).sort());
    for (const s of symbols) expect(s.body).toMatch(/^(<(path|circle|rect|line|polyline|polygon|ellipse) [^<>]+\/>)+$/);
  });

  it('draws in the current text colour on the 24-unit grid, like Lucide', () => {
    expect(sprite.startsWith('<svg xmlns="http://www.w3.org/2000/svg">')).toBe(true);
    for (const tag of sprite.match(/<symbol [^>]*>/g)!) {
      expect(tag).toContain('viewBox="0 0 24 24"');
      expect(tag).toContain('stroke="currentColor"');
      expect(tag).toContain('fill="none"');
    }
  });

  it('draws the check circle with its circle and tick', () => {
    expect(symbols.find((s) => s.id === 'checkCircle')!.body).toBe('<circle cx="12" cy="12" r="10"/><path d="m16 9-5.5 5.5L8 12"/>');
  });
});
