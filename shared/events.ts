import { z } from 'zod';
import { CommandIdSchema, DaySchema, SlugSchema, TimestampSchema, UuidSchema } from './ids.js';
import { LanguageCodeSchema } from './languages.js';
import { OfficeConfigSchema } from './office.js';
import {
  AppointmentSchema,
  CancelReasonSchema,
  InterpreterSchema,
  MemberSchema,
  NoteSchema,
  RestoreReasonSchema,
  SkipReasonSchema,
  StepOutcomeSchema,
  VisitPrivateSchema,
  VisitSchema,
} from './visit.js';
import { VisitorLanguageSchema } from './languages.js';

export const ROLES = ['admin', 'reception', 'kiosk', 'desk', 'display'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

/** Who caused an event: the paired device, and at a desk the signed-in officer. */
export const ActorSchema = z.object({
  deviceId: z.string(),
  role: z.union([RoleSchema, z.literal('system')]),
  deskId: SlugSchema.nullable(),
  officer: z.string().nullable(),
});
export type Actor = z.infer<typeof ActorSchema>;

export const SYSTEM_ACTOR: Actor = { deviceId: 'system', role: 'system', deskId: null, officer: null };

const visitId = UuidSchema;

/**
 * The events of docs/ARCHITECTURE.md §3: the journey's, plus the few it needs to be whole
 * (sign-in, reinstate, household and appointment changes, the day's turn). Personal data appears
 * only in `checked_in.private`, `household_set.members`, `note_added.note.text` and
 * `appointments_imported.appointments`; views.ts strips exactly these for staff screens.
 */
export const DomainEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('checked_in'), visit: VisitSchema, private: VisitPrivateSchema.optional() }),
  z.object({
    type: z.literal('visit_updated'),
    visitId,
    language: VisitorLanguageSchema.optional(),
    interpreterLanguage: LanguageCodeSchema.nullable().optional(),
    consent: z.boolean().optional(),
  }),
  z.object({
    type: z.literal('household_set'),
    visitId,
    adults: z.number().int(),
    children: z.number().int(),
    members: z.array(MemberSchema).optional(),
  }),
  z.object({ type: z.literal('called'), visitId, stationId: SlugSchema, deskId: SlugSchema }),
  z.object({ type: z.literal('recalled'), visitId, deskId: SlugSchema }),
  z.object({ type: z.literal('serving_started'), visitId, deskId: SlugSchema }),
  z.object({ type: z.literal('returned_to_queue'), visitId, stationId: SlugSchema }),
  z.object({ type: z.literal('parked'), visitId, deskId: SlugSchema }),
  z.object({ type: z.literal('no_show'), visitId, stationId: SlugSchema }),
  z.object({ type: z.literal('reinstated'), visitId, stationId: SlugSchema }),
  z.object({
    type: z.literal('note_added'),
    visitId,
    noteId: UuidSchema,
    /** Absent on staff screens: they fetch the notes they may read with `visit:open`. */
    note: NoteSchema.optional(),
  }),
  z.object({
    type: z.literal('checklist_item_set'),
    visitId,
    stationId: SlugSchema,
    itemId: SlugSchema,
    checked: z.boolean(),
  }),
  z.object({
    type: z.literal('handed_over'),
    visitId,
    fromStationId: SlugSchema,
    toStationId: SlugSchema,
    toDeskId: SlugSchema.nullable(),
    /** A warm handover: the officer walks the household over, rather than back to the waiting room. */
    warm: z.boolean(),
  }),
  z.object({ type: z.literal('step_completed'), visitId, stationId: SlugSchema, outcome: StepOutcomeSchema }),
  z.object({ type: z.literal('step_skipped'), visitId, stationId: SlugSchema, reason: SkipReasonSchema }),
  z.object({ type: z.literal('step_restored'), visitId, stationId: SlugSchema, reason: RestoreReasonSchema }),
  z.object({ type: z.literal('visit_completed'), visitId }),
  z.object({ type: z.literal('visit_cancelled'), visitId, reason: CancelReasonSchema }),
  z.object({ type: z.literal('interpreter_added'), interpreter: InterpreterSchema }),
  z.object({ type: z.literal('interpreter_removed'), interpreterId: UuidSchema }),
  z.object({ type: z.literal('interpreter_attached'), interpreterId: UuidSchema, visitId }),
  z.object({ type: z.literal('interpreter_released'), interpreterId: UuidSchema, visitId }),
  z.object({
    type: z.literal('appointments_imported'),
    day: DaySchema,
    count: z.number().int().nonnegative(),
    appointments: z.array(AppointmentSchema).optional(),
  }),
  z.object({ type: z.literal('desk_signed_in'), deskId: SlugSchema, officer: z.string() }),
  z.object({ type: z.literal('desk_signed_out'), deskId: SlugSchema }),
  z.object({ type: z.literal('config_changed'), config: OfficeConfigSchema }),
  /** The office day turned: yesterday's finished visits leave the live state (not the log). */
  z.object({ type: z.literal('day_started'), day: DaySchema }),
]);
export type DomainEvent = z.infer<typeof DomainEventSchema>;
export type EventType = DomainEvent['type'];
export type EventOf<T extends EventType> = Extract<DomainEvent, { type: T }>;

/** An event as stored in the log and sent to staff screens. */
export const EventEnvelopeSchema = z.object({
  seq: z.number().int().positive(),
  at: TimestampSchema,
  // The server's own commands (the day's turn) have ids that no client may send: `system:…`.
  commandId: CommandIdSchema.or(z.string().regex(/^system(:[a-z0-9-]+)*$/)),
  actor: ActorSchema,
  event: DomainEventSchema,
});
export type EventEnvelope = z.infer<typeof EventEnvelopeSchema>;

/** The visit an event is about, if any (for the log's index and for audit). */
export function visitIdOf(event: DomainEvent): string | null {
  if (event.type === 'checked_in') return event.visit.id;
  return 'visitId' in event ? event.visitId : null;
}
