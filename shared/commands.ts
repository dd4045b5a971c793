import { z } from 'zod';
import { CommandIdSchema, DaySchema, SlugSchema, UuidSchema } from './ids.js';
import { LanguageCodeSchema, VisitorLanguageSchema } from './languages.js';
import type { Role } from './events.js';
import { OfficeConfigSchema } from './office.js';
import { nameText } from './text.js';
import {
  BookingRefSchema,
  CancelReasonSchema,
  HouseholdSizeSchema,
  MemberSchema,
  NoteTextSchema,
  NoteVisibilitySchema,
  RestoreReasonSchema,
  SkipReasonSchema,
  StepOutcomeSchema,
} from './visit.js';

/**
 * Commands as they arrive on the socket. Every payload is a strict object (unknown keys,
 * `__proto__` included, are refused) carrying the client-made `commandId` that makes retries
 * after a reconnect idempotent.
 */
const command = <T extends z.ZodRawShape>(shape: T) =>
  z.strictObject({ commandId: CommandIdSchema, ...shape });
const onVisit = <T extends z.ZodRawShape>(shape: T) => command({ visitId: UuidSchema, ...shape });

export const NoteInputSchema = z.strictObject({ text: NoteTextSchema, visibility: NoteVisibilitySchema });
export type NoteInput = z.infer<typeof NoteInputSchema>;

export const HandoverTargetSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('next') }),
  z.strictObject({ kind: z.literal('station'), stationId: SlugSchema }),
  z.strictObject({ kind: z.literal('desk'), deskId: SlugSchema }),
]);
export type HandoverTarget = z.infer<typeof HandoverTargetSchema>;

/** One row of Migrationsverket's booking list, once the CSV has been read and checked. */
export const AppointmentInputSchema = z.strictObject({
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  ref: BookingRefSchema,
  language: VisitorLanguageSchema,
  adults: HouseholdSizeSchema.shape.adults,
  children: HouseholdSizeSchema.shape.children,
});
export type AppointmentInput = z.infer<typeof AppointmentInputSchema>;

export const CommandSchemas = {
  'visit:check_in': command({
    arrival: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('booked'), bookingRef: BookingRefSchema }),
      z.strictObject({ kind: z.literal('walk_in'), ...HouseholdSizeSchema.shape }),
    ]),
    language: VisitorLanguageSchema,
    /** null: no interpreter needed. */
    interpreterLanguage: LanguageCodeSchema.nullable(),
    consent: z.boolean(),
  }),
  'visit:update': onVisit({
    language: VisitorLanguageSchema.optional(),
    interpreterLanguage: LanguageCodeSchema.nullable().optional(),
    consent: z.boolean().optional(),
  }),
  'visit:set_household': onVisit({
    ...HouseholdSizeSchema.shape,
    members: z.array(MemberSchema.extend({ name: nameText(120) }).strict()).max(40),
  }),
  'queue:call_next': command({}),
  'visit:call': onVisit({}),
  'visit:recall': onVisit({}),
  'visit:no_show': onVisit({}),
  'visit:start': onVisit({}),
  'visit:return_to_queue': onVisit({}),
  'visit:park': onVisit({}),
  'visit:add_note': onVisit({ note: NoteInputSchema }),
  'visit:set_checklist_item': onVisit({ itemId: SlugSchema, checked: z.boolean() }),
  'visit:hand_over': onVisit({
    to: HandoverTargetSchema,
    outcome: StepOutcomeSchema,
    note: NoteInputSchema.optional(),
  }),
  'visit:complete_step': onVisit({ outcome: StepOutcomeSchema }),
  'visit:skip_step': onVisit({ stationId: SlugSchema, reason: SkipReasonSchema }),
  /** A desk overrides a station's rule: the step it passed by is to be done after all. */
  'visit:restore_step': onVisit({ stationId: SlugSchema, reason: RestoreReasonSchema }),
  'visit:complete': onVisit({ outcome: StepOutcomeSchema }),
  'visit:cancel': onVisit({ reason: CancelReasonSchema }),
  'visit:reinstate': onVisit({}),
  'interpreter:add': command({
    language: LanguageCodeSchema,
    mode: z.enum(['onsite', 'phone']),
    name: nameText(120),
  }),
  'interpreter:remove': command({ interpreterId: UuidSchema }),
  'interpreter:attach': command({ interpreterId: UuidSchema, visitId: UuidSchema }),
  'interpreter:release': command({ interpreterId: UuidSchema }),
  /** The CSV is read at the server's edge; `decide` receives the checked rows. */
  'appointments:import': command({
    day: DaySchema,
    csv: z.string().max(200_000),
    dryRun: z.boolean(),
  }),
  /** The whole office config, as the admin screen edits it; applied live once validated. */
  'office:configure': command({ config: OfficeConfigSchema }),
  'desk:sign_in': command({
    officer: nameText(80),
    pin: z
      .string()
      .regex(/^\d{4,8}$/)
      .optional(),
  }),
  'desk:sign_out': command({}),
} as const;

export type CommandName = keyof typeof CommandSchemas;
export const COMMAND_NAMES = Object.keys(CommandSchemas) as CommandName[];
/** A command as `decide` sees it, validated and with defaults filled in. */
export type CommandPayload<N extends CommandName> = z.infer<(typeof CommandSchemas)[N]>;
/** A command as a client sends it (fields with defaults may be left out). */
export type CommandInput<N extends CommandName> = z.input<(typeof CommandSchemas)[N]>;

/** A command as `decide` sees it: name, validated payload, and for imports the checked rows. */
export type Command = {
  [N in CommandName]: N extends 'appointments:import'
    ? { name: N; payload: CommandPayload<N>; rows: readonly AppointmentInput[] }
    : { name: N; payload: CommandPayload<N> };
}[CommandName];
export type CommandOf<N extends CommandName> = Extract<Command, { name: N }>;

/** Which role may send which command. Display devices send none. */
export const COMMAND_ROLES: Record<CommandName, readonly Role[]> = {
  'visit:check_in': ['kiosk', 'reception', 'admin'],
  'visit:update': ['reception', 'desk', 'admin'],
  'visit:set_household': ['reception', 'desk'],
  'queue:call_next': ['desk'],
  'visit:call': ['desk'],
  'visit:recall': ['desk'],
  'visit:no_show': ['desk'],
  'visit:start': ['desk'],
  'visit:return_to_queue': ['desk'],
  'visit:park': ['desk'],
  'visit:add_note': ['desk'],
  'visit:set_checklist_item': ['desk'],
  'visit:hand_over': ['desk'],
  'visit:complete_step': ['desk'],
  'visit:skip_step': ['desk', 'reception', 'admin'],
  'visit:restore_step': ['desk', 'reception', 'admin'],
  'visit:complete': ['desk'],
  'visit:cancel': ['reception', 'admin'],
  'visit:reinstate': ['reception', 'admin'],
  'interpreter:add': ['admin'],
  'interpreter:remove': ['admin'],
  'interpreter:attach': ['desk', 'reception', 'admin'],
  'interpreter:release': ['desk', 'reception', 'admin'],
  'appointments:import': ['admin'],
  'office:configure': ['admin'],
  'desk:sign_in': ['desk'],
  'desk:sign_out': ['desk'],
};

export function mayRun(role: Role, name: CommandName): boolean {
  return COMMAND_ROLES[name].includes(role);
}
