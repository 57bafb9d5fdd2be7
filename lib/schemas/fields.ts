import { z } from 'zod';

/**
 * Field builders shared by the schemas of this folder. Numbers accept a numeric string too, so
 * the same schema parses JSON bodies, query strings and FormData (where every value is text),
 * without z.coerce's surprises (`""` and `null` silently becoming 0).
 */
const numericText = /^\s*-?\d+(\.\d+)?\s*$/;
const fromText = (v: unknown) => (typeof v === 'string' && numericText.test(v) ? Number(v) : v);

/** A whole number between min and max, with messages that name the field and the unit. */
export function wholeNumber(label: string, min: number, max: number, unit = '') {
  const u = unit ? ` ${unit}` : '';
  return z.preprocess(
    fromText,
    z
      .number({ error: `${label} must be a number${u ? ` of${u}` : ''}.` })
      .int({ error: `${label} must be a whole number${u ? ` of${u}` : ''}.` })
      .min(min, { error: `${label} must be at least ${min}${u}.` })
      .max(max, { error: `${label} must be at most ${max}${u}.` }),
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
      .max(max, { error: `${label} must be at most ${max}${u}.` }),
  );
}

/** Trimmed text of bounded length. */
export function text(label: string, min: number, max: number) {
  return z
    .string({ error: `${label} must be text.` })
    .trim()
    .min(min, { error: min === 1 ? `${label} is required.` : `${label} needs at least ${min} characters.` })
    .max(max, { error: `${label} must be at most ${max} characters.` });
}

/** An opaque id (VM, site, boot group...): short, printable, no surprises in SQL or logs. */
export function idField(label: string) {
  return z
    .string({ error: `${label} must be an id (text).` })
    .min(1, { error: `${label} is required.` })
    .max(64, { error: `${label} is not a valid id.` })
    .regex(/^[A-Za-z0-9_-]+$/, { error: `${label} is not a valid id.` });
}
