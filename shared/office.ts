import { z } from 'zod';
import { isTimeZone } from './day.js';
import { SlugSchema } from './ids.js';
import { LanguageCodeSchema, VisitorLanguageSchema } from './languages.js';

/** The agencies of a Mötesplats. A station belongs to one; notes' secrecy follows it. */
export const AGENCIES = ['MV', 'AF', 'SKV_FK', 'KOMMUN', 'PM', 'OTHER'] as const;
export const AgencySchema = z.enum(AGENCIES);
export type Agency = z.infer<typeof AgencySchema>;

const LabelSchema = z.object({
  sv: z.string().trim().min(1).max(120),
  en: z.string().trim().min(1).max(120),
});
export type Label = z.infer<typeof LabelSchema>;

export const ChecklistItemSchema = z.object({ id: SlugSchema, label: LabelSchema });
export type ChecklistItem = z.infer<typeof ChecklistItemSchema>;

/**
 * A condition on the household's adults' ages under which a station's step applies. Outside it,
 * the step is skipped with the rule as the reason when the chain would move the visit there; a
 * desk can restore it. Arbetsförmedlingen's establishment programme: 20–64, and 18–19 without
 * parents in Sweden; Pensionsmyndigheten: 65 and over.
 */
export const StationRuleSchema = z.object({
  kind: z.literal('adult_age'),
  minAge: z.number().int().min(0).max(130).nullable(),
  maxAge: z.number().int().min(0).max(130).nullable(),
  /** Younger adults from this age count too when their parents are not in Sweden. */
  withoutParentsFromAge: z.number().int().min(0).max(130).nullable(),
  /** With no adult's birth date known yet: keep the step (the desk decides) or skip it. */
  whenUnknown: z.enum(['keep', 'skip']),
});
export type StationRule = z.infer<typeof StationRuleSchema>;

export const StationSchema = z.object({
  id: SlugSchema,
  name: z.string().trim().min(1).max(80),
  agency: AgencySchema,
  checklist: z.array(ChecklistItemSchema).max(40),
  /** Used for the wait estimate until the station has served enough visits today. */
  defaultServiceMinutes: z.number().int().min(1).max(240),
  rule: StationRuleSchema.nullable().default(null),
});
export type Station = z.infer<typeof StationSchema>;

export const DeskSchema = z.object({
  id: SlugSchema,
  name: z.string().trim().min(1).max(60),
  stationId: SlugSchema,
});
export type Desk = z.infer<typeof DeskSchema>;

/** The named, switchable queue rules of docs/ARCHITECTURE.md §3. */
export const QueueRulesSchema = z.object({
  /** Visits that come from the previous step of the chain go before fresh arrivals. */
  handedOverFirst: z.boolean(),
  /** Booked visitors whose appointment time has come go before walk-ins. */
  dueBookingsFirst: z.boolean(),
  /** How early a booked visitor counts as due. */
  dueWindowMinutes: z.number().int().min(0).max(240),
});
export type QueueRules = z.infer<typeof QueueRulesSchema>;

const TimeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');
const OpeningSchema = z.object({ open: TimeOfDaySchema, close: TimeOfDaySchema }).nullable();
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const OpeningHoursSchema = z.object(
  Object.fromEntries(WEEKDAYS.map((d) => [d, OpeningSchema])) as Record<
    (typeof WEEKDAYS)[number],
    typeof OpeningSchema
  >,
);

/** The kinds of personal data, each erased after its own period. */
export const DATA_CLASSES = ['household', 'booking_refs', 'notes'] as const;
export type DataClass = (typeof DATA_CLASSES)[number];

export const RetentionSchema = z.object({
  /** Days after the visit that its personal data is kept. */
  days: z.number().int().min(1).max(3650),
  /** Other periods for a class of data, or for one agency's notes. */
  overrides: z
    .array(
      z.object({
        dataClass: z.enum(DATA_CLASSES),
        agency: AgencySchema.nullable(),
        days: z.number().int().min(1).max(3650),
      }),
    )
    .max(20),
});
export type Retention = z.infer<typeof RetentionSchema>;

export const OfficeConfigSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    timeZone: z.string().min(1).max(60),
    /** The languages the kiosk, display and status page offer, in the order shown. */
    languages: z.array(VisitorLanguageSchema).min(1).max(20),
    /** Languages an interpreter can be asked for; any ISO 639 code. */
    interpreterLanguages: z.array(LanguageCodeSchema).max(60),
    stations: z.array(StationSchema).min(1).max(20),
    desks: z.array(DeskSchema).min(1).max(100),
    /** The order in which a household passes the stations. */
    chain: z.array(SlugSchema).min(1).max(20),
    openingHours: OpeningHoursSchema,
    ticketPrefixes: z.object({
      booked: z.string().regex(/^[A-Z]$/),
      walkIn: z.string().regex(/^[A-Z]$/),
    }),
    /** "No show" becomes possible after this many recalls. */
    noShowRecallLimit: z.number().int().min(0).max(10),
    /** A desk may recall the same ticket again only after this pause. */
    recallPauseSeconds: z.number().int().min(0).max(600),
    requireOfficerPin: z.boolean(),
    queueRules: QueueRulesSchema,
    waitWarningMinutes: z.number().int().min(1).max(600),
    retention: RetentionSchema,
  })
  .superRefine((c, ctx) => {
    // Every command reckons the office day in this zone: an unknown one would stop them all.
    if (!isTimeZone(c.timeZone))
      ctx.addIssue({ code: 'custom', path: ['timeZone'], message: 'unknown time zone' });
    const stationIds = new Set<string>();
    c.stations.forEach((s, i) => {
      if (stationIds.has(s.id))
        ctx.addIssue({ code: 'custom', path: ['stations', i, 'id'], message: 'duplicate station id' });
      stationIds.add(s.id);
      const items = new Set<string>();
      s.checklist.forEach((item, j) => {
        if (items.has(item.id))
          ctx.addIssue({
            code: 'custom',
            path: ['stations', i, 'checklist', j, 'id'],
            message: 'duplicate item id',
          });
        items.add(item.id);
      });
    });
    const deskIds = new Set<string>();
    c.desks.forEach((d, i) => {
      if (deskIds.has(d.id))
        ctx.addIssue({ code: 'custom', path: ['desks', i, 'id'], message: 'duplicate desk id' });
      deskIds.add(d.id);
      if (!stationIds.has(d.stationId))
        ctx.addIssue({
          code: 'custom',
          path: ['desks', i, 'stationId'],
          message: `no station "${d.stationId}"`,
        });
    });
    const inChain = new Set<string>();
    c.chain.forEach((id, i) => {
      if (!stationIds.has(id))
        ctx.addIssue({ code: 'custom', path: ['chain', i], message: `no station "${id}"` });
      if (inChain.has(id))
        ctx.addIssue({ code: 'custom', path: ['chain', i], message: 'station twice in the chain' });
      inChain.add(id);
    });
    c.retention.overrides.forEach((o, i) => {
      if (o.agency !== null && o.dataClass !== 'notes')
        ctx.addIssue({
          code: 'custom',
          path: ['retention', 'overrides', i, 'agency'],
          message: 'only notes belong to an agency',
        });
    });
    if (c.ticketPrefixes.booked === c.ticketPrefixes.walkIn)
      ctx.addIssue({
        code: 'custom',
        path: ['ticketPrefixes'],
        message: 'booked and walk-in need different prefixes',
      });
  });
export type OfficeConfig = z.infer<typeof OfficeConfigSchema>;

export function stationOf(config: OfficeConfig, stationId: string): Station | undefined {
  return config.stations.find((s) => s.id === stationId);
}

export function deskOf(config: OfficeConfig, deskId: string): Desk | undefined {
  return config.desks.find((d) => d.id === deskId);
}

/** The agency a desk works for, through its station. */
export function agencyOfDesk(config: OfficeConfig, deskId: string): Agency | undefined {
  const desk = deskOf(config, deskId);
  return desk ? stationOf(config, desk.stationId)?.agency : undefined;
}
