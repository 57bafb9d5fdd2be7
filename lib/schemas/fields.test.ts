import { describe, expect, it } from 'vitest';
import { displayText, wholeNumber } from './fields';

const refusal = (schema: ReturnType<typeof displayText>, input: unknown) => schema.safeParse(input).error?.issues.map((i) => i.message);

describe('displayText', () => {
  const name = displayText('Name', 1, 80);
  const notes = displayText('Notes', 0, 2000, { multiline: true });

  it('keeps ordinary text in any script, emoji and right-to-left included, trimmed', () => {
    expect(name.parse('  Zürich SQL — 東京 ')).toBe('Zürich SQL — 東京');
    expect(name.parse('שרתי ייצור 👩‍💻')).toBe('שרתי ייצור 👩‍💻');
    expect(notes.parse('Boot order checked.\r\n\tDNS ok.')).toBe('Boot order checked.\r\n\tDNS ok.');
  });

  it.each([
    ['NUL', 'web\u0000tier', 'Name may not contain control characters or line breaks (found U+0000).'],
    ['a line break', 'web\ntier', 'Name may not contain control characters or line breaks (found U+000A).'],
    ['a C1 control', 'web\u0085tier', 'Name may not contain control characters or line breaks (found U+0085).'],
    ['a right-to-left override', 'invoice\u202Egpj.exe', 'Name may not contain bidirectional override or isolate characters (found U+202E).'],
    ['a first-strong isolate', 'web\u2068tier', 'Name may not contain bidirectional override or isolate characters (found U+2068).'],
    ['a lone high surrogate', 'web\uD800tier', 'Name is not valid Unicode text (it holds an unpaired surrogate).'],
    ['a lone low surrogate', 'web\uDC00', 'Name is not valid Unicode text (it holds an unpaired surrogate).'],
  ])('refuses %s, saying which character', (_, input, message) => {
    expect(refusal(name, input)).toEqual([message]);
  });

  it('lets multi-line text break lines but not hold NUL or overrides', () => {
    expect(refusal(notes, 'ok\u0000')).toEqual(['Notes may not contain control characters (found U+0000).']);
    expect(refusal(notes, 'ok\u202D')).toEqual(['Notes may not contain bidirectional override or isolate characters (found U+202D).']);
  });
});

describe('number messages', () => {
  it('write bounds with thousands separators', () => {
    expect(wholeNumber('Guaranteed IOPS', 100, 10_000_000, 'IOPS').safeParse(20_000_000).error?.issues[0].message).toBe('Guaranteed IOPS must be at most 10,000,000 IOPS.');
  });
});

describe('required text', () => {
  it('says "required" for an empty field whatever its minimum length', () => {
    expect(refusal(displayText('Title', 3, 120), '   ')).toEqual(['Title is required.']);
    expect(refusal(displayText('Title', 3, 120), 'ab')).toEqual(['Title needs at least 3 characters.']);
  });
});
