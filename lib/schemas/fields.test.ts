import { describe, expect, it } from 'vitest';
import { issuesOf } from '@/lib/testing/zod';
import { displayText, positiveNumber, wholeNumber } from './fields';

const refusal = (schema: ReturnType<typeof displayText>, input: unknown) => schema.safeParse(input).error?.issues.map((i) => i.message);

// Fields are built inside each test (not once per file): a builder's messages are then part of
// what the test exercises, and mutation testing counts them.
describe('displayText', () => {
  const name = () => displayText('Name', 1, 80);
  const notes = () => displayText('Notes', 0, 2000, { multiline: true });

  it('keeps ordinary text in any script, emoji and right-to-left included, trimmed', () => {
    expect(name().parse('  Zürich SQL — 東京 ')).toBe('Zürich SQL — 東京');
    expect(name().parse('שרתי ייצור 👩‍💻')).toBe('שרתי ייצור 👩‍💻');
    expect(notes().parse('Boot order checked.\r\n\tDNS ok.')).toBe('Boot order checked.\r\n\tDNS ok.');
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
    expect(refusal(name(), input)).toEqual([message]);
  });

  it('lets multi-line text break lines but not hold NUL or overrides', () => {
    expect(refusal(notes(), 'ok\u0000')).toEqual(['Notes may not contain control characters (found U+0000).']);
    expect(refusal(notes(), 'ok\u202D')).toEqual(['Notes may not contain bidirectional override or isolate characters (found U+202D).']);
  });
});

describe('displayText bounds', () => {
  it('takes exactly the maximum length, and names the bound one past it', () => {
    expect(displayText('Name', 1, 80).parse('x'.repeat(80))).toBe('x'.repeat(80));
    expect(refusal(displayText('Name', 1, 80), 'x'.repeat(81))).toEqual(['Name must be at most 80 characters.']);
    expect(refusal(displayText('Details', 1, 4000), 'x'.repeat(4001))).toEqual(['Details must be at most 4,000 characters.']);
  });

  it('counts the length after trimming', () => {
    expect(displayText('Name', 1, 3).parse('  abc  ')).toBe('abc');
  });

  it('refuses what is not text', () => {
    expect(refusal(displayText('Name', 1, 80), 42)).toEqual(['Name must be text.']);
    expect(refusal(displayText('Name', 1, 80), null)).toEqual(['Name must be text.']);
  });
});

describe('wholeNumber', () => {
  it('reads numbers and numeric text (a query string, a form), negative text too', () => {
    const delay = wholeNumber('Delay', -10, 3600, 'seconds');
    expect(delay.parse(0)).toBe(0);
    expect(delay.parse(' 42 ')).toBe(42);
    expect(delay.parse('-3')).toBe(-3);
    expect(delay.parse('3600')).toBe(3600);
  });

  it('does not read an empty field, null or a yes as 0 or 1', () => {
    const delay = wholeNumber('Delay', 0, 3600, 'seconds');
    for (const input of ['', '  ', null, true, [5], 'ten', '1e3', '0x10']) expect(issuesOf(delay, input)).toEqual([': Delay must be a number of seconds.']);
  });

  it('names the field, the unit and the rule broken', () => {
    const delay = wholeNumber('Delay', 0, 3600, 'seconds');
    expect(issuesOf(delay, 1.5)).toEqual([': Delay must be a whole number of seconds.']);
    expect(issuesOf(delay, '-1')).toEqual([': Delay must be at least 0 seconds.']);
    expect(issuesOf(delay, 3601)).toEqual([': Delay must be at most 3,600 seconds.']);
  });

  it('writes a bound of one in the singular ("1 hour"), a symbol unit as it is', () => {
    expect(issuesOf(wholeNumber('Journal history', 1, 720, 'hours'), 0)).toEqual([': Journal history must be at least 1 hour.']);
    expect(issuesOf(wholeNumber('Expires in', 1, 365, 'days'), 366)).toEqual([': Expires in must be at most 365 days.']);
    expect(issuesOf(wholeNumber('Bandwidth', 1, 100, 'Mbit/s'), 0)).toEqual([': Bandwidth must be at least 1 Mbit/s.']);
    expect(issuesOf(wholeNumber('Guaranteed IOPS', 1, 100, 'IOPS'), 0)).toEqual([': Guaranteed IOPS must be at least 1 IOPS.']);
  });

  it('reads without a unit when the number has none', () => {
    const limit = wholeNumber('limit', 1, 500);
    expect(issuesOf(limit, 'many')).toEqual([': limit must be a number.']);
    expect(issuesOf(limit, 2.5)).toEqual([': limit must be a whole number.']);
    expect(issuesOf(limit, 0)).toEqual([': limit must be at least 1.']);
    expect(issuesOf(limit, 1000)).toEqual([': limit must be at most 500.']);
  });
});

describe('positiveNumber', () => {
  it('takes any amount above 0 up to the maximum, also as text', () => {
    const journal = positiveNumber('Journal hard limit', 100_000, 'GB');
    expect(journal.parse('0.25')).toBe(0.25);
    expect(journal.parse(100_000)).toBe(100_000);
  });

  it('names the field, the unit and the rule broken', () => {
    const journal = positiveNumber('Journal hard limit', 100_000, 'GB');
    expect(issuesOf(journal, 'lots')).toEqual([': Journal hard limit must be a number of GB.']);
    expect(issuesOf(journal, '')).toEqual([': Journal hard limit must be a number of GB.']);
    expect(issuesOf(journal, 0)).toEqual([': Journal hard limit must be more than 0 GB.']);
    expect(issuesOf(journal, -1)).toEqual([': Journal hard limit must be more than 0 GB.']);
    expect(issuesOf(journal, 100_001)).toEqual([': Journal hard limit must be at most 100,000 GB.']);
  });

  it('writes a fractional bound with two decimals, and no unit when there is none', () => {
    const ratio = positiveNumber('Ratio', 2.5);
    expect(issuesOf(ratio, 'x')).toEqual([': Ratio must be a number.']);
    expect(issuesOf(ratio, 0)).toEqual([': Ratio must be more than 0.']);
    expect(issuesOf(ratio, 3)).toEqual([': Ratio must be at most 2.50.']);
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
