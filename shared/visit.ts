import { z } from 'zod';
import { DaySchema, SlugSchema, TimestampSchema, UuidSchema } from './ids.js';
import { LanguageCodeSchema, VisitorLanguageSchema } from './languages.js';
import { AgencySchema } from './office.js';
import { noteText } from './text.js';
import { TicketSchema } from './ticket.js';

/**
 * A step's life: pending → waiting → called → serving → done; a serving step may be parked at
 * its desk and resumed; a step may instead end skipped (with a reason) or no_show.
 */
export const STEP_STATUSES = [
  'pending',
  'waiting',
  'called',
  'serving',
  'parked',
  'done',
  'skipped',
  'no_show',
] as const;
export const StepStatusSchema = z.enum(STEP_STATUSES);
export type StepStatus = z.infer<typeof StepStatusSchema>;

/** Statuses in which a desk holds the visit. */
export const AT_DESK_STATUSES: ReadonlySet<StepStatus> = new Set(['called', 'serving', 'parked']);

export const STEP_OUTCOMES = ['done', 'follow_up', 'incomplete'] as const;
export const StepOutcomeSchema = z.enum(STEP_OUTCOMES);
export type StepOutcome = z.infer<typeof StepOutcomeSchema>;

/**
 * Reasons are codes, never free text: free text belongs in notes, which are erased with the
 * visit's other personal data, while these stay in the anonymous statistics.
 */
export const SKIP_REASONS = [
  'not_eligible',
  'age_rule',
  'already_done',
  'not_needed',
  'visitor_declined',
] as const;
export const SkipReasonSchema = z.enum(SKIP_REASONS);
export type SkipReason = z.infer<typeof SkipReasonSchema>;

/** Why a desk restores a step its station's rule had passed by. */
export const RESTORE_REASONS = ['rule_does_not_fit', 'visitor_request', 'skipped_by_mistake'] as const;
export const RestoreReasonSchema = z.enum(RESTORE_REASONS);

export const CANCEL_REASONS = ['visitor_left', 'duplicate', 'wrong_office', 'day_ended', 'other'] as const;
export const CancelReasonSchema = z.enum(CANCEL_REASONS);
export type CancelReason = z.infer<typeof CancelReasonSchema>;

export const StepSchema = z.object({
  stationId: SlugSchema,
  status: StepStatusSchema,
  /** When the visit entered this station's queue; kept on a return to the queue. */
  queuedAt: TimestampSchema.nullable(),
  /** The station the visit came from when the chain moved it here (queue priority). */
  cameFrom: SlugSchema.nullable(),
  /** A handover to a named desk puts the visit in that desk's personal queue. */
  targetDeskId: SlugSchema.nullable(),
  /** The desk that called, serves or parked the visit (and, once done, served it). */
  deskId: SlugSchema.nullable(),
  calledAt: TimestampSchema.nullable(),
  lastCalledAt: TimestampSchema.nullable(),
  startedAt: TimestampSchema.nullable(),
  endedAt: TimestampSchema.nullable(),
  recalls: z.number().int().nonnegative(),
  outcome: StepOutcomeSchema.nullable(),
  skipReason: SkipReasonSchema.nullable(),
  checklist: z.record(SlugSchema, z.boolean()),
  /** A desk restored the step against its station's rule: the rule no longer passes it by. */
  ruleOverride: z.boolean().default(false),
});
export type Step = z.infer<typeof StepSchema>;

export const VISIT_KINDS = ['booked', 'walk_in'] as const;
export const VisitKindSchema = z.enum(VISIT_KINDS);
export type VisitKind = z.infer<typeof VisitKindSchema>;

export const VISIT_STATUSES = ['active', 'registered', 'cancelled'] as const;
export type VisitStatus = (typeof VISIT_STATUSES)[number];

export const HouseholdSizeSchema = z.object({
  adults: z.number().int().min(1).max(20),
  children: z.number().int().min(0).max(20),
});

/**
 * A household's visit today, without personal data: this is what staff screens receive for
 * every visit. Names, birth dates, the booking reference and the status token live apart in
 * {@link VisitPrivate}; note texts in {@link Note}.
 */
export const VisitSchema = z.object({
  id: UuidSchema,
  day: DaySchema,
  ticket: TicketSchema,
  kind: VisitKindSchema,
  language: VisitorLanguageSchema,
  /** null when no interpreter is needed. */
  interpreterLanguage: LanguageCodeSchema.nullable(),
  adults: z.number().int().min(1).max(20),
  children: z.number().int().min(0).max(20),
  consent: z.boolean(),
  appointmentAt: TimestampSchema.nullable(),
  createdAt: TimestampSchema,
  status: z.enum(VISIT_STATUSES),
  endedAt: TimestampSchema.nullable(),
  cancelReason: CancelReasonSchema.nullable(),
  steps: z.array(StepSchema).min(1),
  /** Index of the active step; null once the visit has ended. */
  current: z.number().int().nonnegative().nullable(),
  interpreterId: UuidSchema.nullable(),
  /** An on-site interpreter was with the household at some point (for the statistics). */
  interpreterUsed: z.boolean().default(false),
});
export type Visit = z.infer<typeof VisitSchema>;

export const MemberSchema = z.object({
  name: z.string().trim().min(1).max(120),
  birthDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable(),
  kind: z.enum(['adult', 'child']),
  /** For an adult of 18–19: whether a parent lives in Sweden (Arbetsförmedlingen's rule). */
  parentsInSweden: z.boolean().nullable().default(null),
});
export type Member = z.infer<typeof MemberSchema>;

/** A visit's personal data and its status-page secret: never sent to public screens. */
export const VisitPrivateSchema = z.object({
  bookingRef: z.string().nullable(),
  members: z.array(MemberSchema).max(40),
  /** Empty once the visit's personal data has been erased. */
  statusToken: z.string().max(64),
});
export type VisitPrivate = z.infer<typeof VisitPrivateSchema>;

export const NOTE_VISIBILITIES = ['shared', 'agency'] as const;
export const NoteVisibilitySchema = z.enum(NOTE_VISIBILITIES);
export type NoteVisibility = z.infer<typeof NoteVisibilitySchema>;

export const NoteTextSchema = noteText(4000);

export const NoteSchema = z.object({
  id: UuidSchema,
  visitId: UuidSchema,
  at: TimestampSchema,
  /** Empty once erased by the retention job (a new note's text is checked by NoteTextSchema). */
  text: z.string().max(4000),
  visibility: NoteVisibilitySchema,
  agency: AgencySchema,
  stationId: SlugSchema,
  deskId: SlugSchema,
  officer: z.string(),
});
export type Note = z.infer<typeof NoteSchema>;

/** A booking reference as printed in Migrationsverket's letter; matched without case or spaces. */
export const BookingRefSchema = z
  .string()
  .trim()
  .min(4)
  .max(20)
  .regex(/^[A-Za-z0-9 -]+$/, 'letters, digits, spaces and dashes');

export function normalizeBookingRef(ref: string): string {
  return ref.replace(/[\s-]/g, '').toUpperCase();
}

export const AppointmentSchema = z.object({
  ref: z.string(),
  day: DaySchema,
  at: TimestampSchema,
  language: VisitorLanguageSchema,
  interpreterLanguage: LanguageCodeSchema.nullable(),
  adults: z.number().int().min(1).max(20),
  children: z.number().int().min(0).max(20),
  visitId: UuidSchema.nullable(),
});
export type Appointment = z.infer<typeof AppointmentSchema>;

export const InterpreterSchema = z.object({
  id: UuidSchema,
  language: LanguageCodeSchema,
  mode: z.enum(['onsite', 'phone']),
  name: z.string().trim().min(1).max(120),
  /** The visit the interpreter follows across handovers until released. */
  visitId: UuidSchema.nullable(),
});
export type Interpreter = z.infer<typeof InterpreterSchema>;

export const DeskSessionSchema = z.object({
  deskId: SlugSchema,
  officer: z.string().trim().min(1).max(80),
  since: TimestampSchema,
});
export type DeskSession = z.infer<typeof DeskSessionSchema>;

export function activeStep(visit: Visit): Step | undefined {
  return visit.current === null ? undefined : visit.steps[visit.current];
}
