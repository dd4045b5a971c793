import { z } from 'zod';

/** Station, desk and checklist ids are short slugs chosen in the office config ("af", "af-1"). */
export const SlugSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lower-case letters, digits and dashes, at most 40 characters');

/** Server-made ids (visits, notes, interpreters) are UUIDs. */
export const UuidSchema = z.string().uuid();

/** Client-made command ids: any unique string of a sensible length (clients use UUIDs). */
export const CommandIdSchema = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);

/** An epoch-milliseconds timestamp. */
export const TimestampSchema = z.number().int().nonnegative();

/** A calendar day in the office's time zone, `YYYY-MM-DD`. */
export const DaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
