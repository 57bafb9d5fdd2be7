import { z } from 'zod';
import { formatNumber } from '@/lib/format';

/**
 * Field builders shared by the schemas of this folder. Labels are the words a form shows next to
 * the field ("Recovery site", not "targetSiteId"): the same message reaches a form and, with the
 * field's path beside it, an API client. Numbers accept a numeric string too, so the same schema
 * parses JSON bodies, query strings and FormData (where every value is text), without z.coerce's
 * surprises (`""` and `null` silently becoming 0).
 */
const numericText = /^\s*-?\d+(\.\d+)?\s*$/;
const fromText = (v: unknown) => (typeof v === 'string' && numericText.test(v) ? Number(v) : v);

/** A unit word for one of it: "1 hour", not "1 hours" ("Mbit/s" and "GB" stay as they are). */
const unitFor = (n: number, unit: string) => (n === 1 && /^ [a-z]+s$/.test(unit) ? unit.slice(0, -1) : unit);

/** "10,000,000 IOPS": bounds in messages read the way the portal shows numbers. */
const amount = (n: number, unit: string) => `${formatNumber(n, Number.isInteger(n) ? 0 : 2)}${unitFor(n, unit)}`;

/** A whole number between min and max, with messages that name the field and the unit. */
export function wholeNumber(label: string, min: number, max: number, unit = '') {
  const u = unit ? ` ${unit}` : '';
  return z.preprocess(
    fromText,
    z
      .number({ error: `${label} must be a number${u ? ` of${u}` : ''}.` })
      .int({ error: `${label} must be a whole number${u ? ` of${u}` : ''}.` })
      .min(min, { error: `${label} must be at least ${amount(min, u)}.` })
      .max(max, { error: `${label} must be at most ${amount(max, u)}.` }),
  );
}

/** A positive decimal number up to max. */
export function positiveNumber(label: string, max: number, unit = '') {
  const u = unit ? ` ${unit}` : '';
  return z.preprocess(
    fromText,
    z
      .number({ error: `${label} must be a number${u ? ` of${u}` : ''}.` })
      .positive({ error: `${label} must be more than 0${u}.` })
      .max(max, { error: `${label} must be at most ${amount(max, u)}.` }),
  );
}

// Characters that must never reach a name, a description or an audit record. Controls (C0, DEL,
// C1) break lines, logs and CSV exports; the bidirectional embeddings, overrides and isolates
// make text display in another order than it is stored ("Trojan Source", CVE-2021-42574), so
// a group name could pose as another; a lone surrogate is not text at all (it cannot be encoded
// as UTF-8 and would be stored as U+FFFD, not as what was sent).
const CONTROL_ONE_LINE = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_MULTILINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;
const LONE_SURROGATE = /\p{Cs}/u;

const codePoint = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** Why `value` may not be shown as entered, or null when it may. */
export function displayTextProblem(label: string, value: string, multiline: boolean): string | null {
  const control = (multiline ? CONTROL_MULTILINE : CONTROL_ONE_LINE).exec(value);
  if (control) return `${label} may not contain control characters${multiline ? '' : ' or line breaks'} (found ${codePoint(control[0])}).`;
  const bidi = BIDI_CONTROL.exec(value);
  if (bidi) return `${label} may not contain bidirectional override or isolate characters (found ${codePoint(bidi[0])}).`;
  if (LONE_SURROGATE.test(value)) return `${label} is not valid Unicode text (it holds an unpaired surrogate).`;
  return null;
}

/**
 * Text people enter and others read: names, descriptions, tags, notes, reasons. Trimmed, of
 * bounded length, and free of characters that would make it display as something it is not.
 * `multiline` admits line breaks and tabs (a textarea's description or notes).
 */
export function displayText(label: string, min: number, max: number, { multiline = false } = {}) {
  return z
    .string({ error: `${label} must be text.` })
    .trim()
    // Nothing left after trimming is "required" whatever the minimum (a minimum of 1 fails on nothing else).
    .min(min, { error: (issue) => (issue.input === '' ? `${label} is required.` : `${label} needs at least ${min} characters.`) })
    .max(max, { error: `${label} must be at most ${formatNumber(max)} characters.` })
    .superRefine((value, ctx) => {
      const problem = displayTextProblem(label, value, multiline);
      if (problem) ctx.addIssue(problem);
    });
}

/** An opaque id (VM, site, boot group...): short, printable, no surprises in SQL or logs. */
export function idField(label: string) {
  return z
    .string({ error: `${label} must be an id (text).` })
    .min(1, { error: `${label} is required.` })
    .max(64, { error: `${label} is not a valid id.` })
    .regex(/^[A-Za-z0-9_-]+$/, { error: `${label} is not a valid id.` });
}
