import { describe, expect, it } from 'vitest';
import { slicePage } from './pager';

const items = Array.from({ length: 120 }, (_, i) => i);

describe('slicePage', () => {
  it('cuts a list into pages and says where the page sits', () => {
    expect(slicePage(items, 0, 50)).toMatchObject({ page: 0, pages: 3, from: 1, to: 50, total: 120 });
    const last = slicePage(items, 2, 50);
    expect(last.items).toEqual(items.slice(100));
    expect(last).toMatchObject({ from: 101, to: 120 });
  });

  it('stays on the last page when the list shrinks under it (a filter, a live refresh)', () => {
    expect(slicePage(items.slice(0, 30), 2, 50)).toMatchObject({ page: 0, pages: 1, from: 1, to: 30 });
  });

  it('has one empty page for an empty list', () => {
    expect(slicePage([], 0, 50)).toMatchObject({ items: [], page: 0, pages: 1, from: 0, to: 0, total: 0 });
  });
});
