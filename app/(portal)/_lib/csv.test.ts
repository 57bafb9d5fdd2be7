import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('toCsv', () => {
  it('quotes what needs quoting and leaves the rest', () => {
    expect(toCsv(['a', 'b'], [['plain', 3], ['with, comma', 'say "hi"'], [null, 'line\nbreak']])).toBe(
      'a,b\r\nplain,3\r\n"with, comma","say ""hi"""\r\n,"line\nbreak"\r\n',
    );
  });

  it('defuses spreadsheet formulas in text but keeps negative numbers', () => {
    expect(toCsv(['x'], [['=HYPERLINK("evil")'], ['@SUM(A1)'], [-5]])).toBe(`x\r\n"'=HYPERLINK(""evil"")"\r\n'@SUM(A1)\r\n-5\r\n`);
  });
});
