import { z } from 'zod';

/**
 * Text that people type: names and notes. It must come back from the database exactly as it was
 * acked: a lone UTF-16 surrogate cannot (SQLite stores text as UTF-8, and the surrogate becomes
 * U+FFFD, so a restart would change a note that every screen has seen). Control characters have
 * no business in it either (a terminal escape in a log, a NUL that ends a C string), except line
 * breaks and tabs in notes; and a name, shown on other agencies' screens and in the audit trail,
 * may not carry the bidirectional overrides that make one text read as another ("Trojan Source").
 * Marks that Arabic and Persian text needs (U+200E, U+200F, U+061C) stay allowed.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_EXCEPT_BREAKS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
// eslint-disable-next-line no-control-regex -- as above
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
const BIDI_OVERRIDE = /[\u202A-\u202E\u2066-\u2069]/;

/** A single line of typed text: a person's or a device's name. */
export function nameText(max: number) {
  return z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !LONE_SURROGATE.test(s), 'broken unicode (a lone surrogate)')
    .refine((s) => !CONTROL.test(s), 'control characters')
    .refine((s) => !BIDI_OVERRIDE.test(s), 'bidirectional override characters');
}

/** Free text over several lines: a note. */
export function noteText(max: number) {
  return z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !LONE_SURROGATE.test(s), 'broken unicode (a lone surrogate)')
    .refine((s) => !CONTROL_EXCEPT_BREAKS.test(s), 'control characters');
}
