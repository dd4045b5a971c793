import { z } from 'zod';
import type { DomainEvent, EventEnvelope } from './events.js';
import { AgencySchema, stationOf, type Agency } from './office.js';
import { desksOpen, estimatedWaitMinutes, queuePosition, waitingCount } from './queue.js';
import { idMap, toData, type OfficeState, type OfficeStateData } from './state.js';
import { CALLS_SHOWN, indexOf } from './visitIndex.js';
import { STEP_STATUSES, VISIT_STATUSES, type Note, type VisitPrivate } from './visit.js';
import { VisitorLanguageSchema } from './languages.js';

/**
 * What each audience may see. Staff screens get the state and the event stream without any
 * personal data; the waiting-room display and the kiosk get a public view; a visitor's phone
 * gets the status of its own ticket. The public schemas are strict and have no field that
 * could hold a name, a birth date, a booking reference or a note, so they cannot leak one.
 */

/** The state as staff screens hold it: every visit, none of their personal data. */
export function staffState(state: OfficeState): OfficeStateData {
  return { ...toData({ ...state, privateData: idMap(), notes: idMap(), appointments: idMap() }) };
}

/** An event as staff screens receive it: the same event without its personal data. */
export function staffEvent(envelope: EventEnvelope): EventEnvelope {
  const event = redactEvent(envelope.event);
  return event === envelope.event ? envelope : { ...envelope, event };
}

function redactEvent(event: DomainEvent): DomainEvent {
  switch (event.type) {
    case 'checked_in':
      return { type: 'checked_in', visit: event.visit };
    case 'household_set':
      return {
        type: 'household_set',
        visitId: event.visitId,
        adults: event.adults,
        children: event.children,
      };
    case 'note_added':
      return { type: 'note_added', visitId: event.visitId, noteId: event.noteId };
    case 'appointments_imported':
      return { type: 'appointments_imported', day: event.day, count: event.count };
    default:
      return event;
  }
}

/**
 * Which notes a desk of an agency may read: its own agency's notes, and shared notes when the
 * visitor consented and the agency is on the visit's journey.
 */
export function visibleNotes(state: OfficeState, visitId: string, agency: Agency): Note[] {
  const visit = state.visits.get(visitId);
  if (!visit) return [];
  const onJourney = visit.steps.some((s) => stationOf(state.config, s.stationId)?.agency === agency);
  return (state.notes.get(visitId) ?? []).filter(
    (n) => n.agency === agency || (n.visibility === 'shared' && visit.consent && onJourney),
  );
}

/** What a desk (notes by its agency's rules) or reception (no notes) may read of one visit. */
export interface VisitDetails {
  readonly visitId: string;
  readonly private: VisitPrivate | null;
  readonly notes: readonly Note[];
}

export function visitDetails(state: OfficeState, visitId: string, agency: Agency | null): VisitDetails {
  const secret = state.privateData.get(visitId);
  return {
    visitId,
    // The status token is the visitor's own key; staff never need it.
    private: secret ? { ...secret, statusToken: '' } : null,
    notes: agency === null ? [] : visibleNotes(state, visitId, agency),
  };
}

const PublicCallSchema = z.strictObject({
  ticket: z.string(),
  stationId: z.string(),
  deskId: z.string(),
  deskName: z.string(),
  calledAt: z.number(),
  /** Still waiting for the visitor to come: the display highlights these. */
  active: z.boolean(),
});

export const PublicViewSchema = z.strictObject({
  seq: z.number().int().nonnegative(),
  office: z.strictObject({
    name: z.string(),
    timeZone: z.string(),
    languages: z.array(VisitorLanguageSchema),
  }),
  stations: z.array(
    z.strictObject({
      id: z.string(),
      name: z.string(),
      agency: AgencySchema,
      waiting: z.number().int().nonnegative(),
      desksOpen: z.number().int().nonnegative(),
      /** For the next visitor to join this queue; null while no desk is open. */
      estimatedWaitMinutes: z.number().int().nonnegative().nullable(),
    }),
  ),
  /** Latest call first: those still called, then the recently called. */
  calls: z.array(PublicCallSchema),
});
export type PublicView = z.infer<typeof PublicViewSchema>;

/** What a screen shows of a view: it without its sequence number, to tell whether it changed. */
export const viewKey = (view: { readonly seq: number }): string => JSON.stringify({ ...view, seq: 0 });

/** The waiting-room display's and the kiosk's view. `seq` is the log head it reflects. */
export function publicView(state: OfficeState, seq: number): PublicView {
  const { activeCalls, pastCalls } = indexOf(state);
  // Those still being called first (they must never scroll off), then the latest.
  const calls = [...activeCalls, ...pastCalls.top].slice(0, CALLS_SHOWN).map((c) => ({
    ticket: c.ticket,
    stationId: c.stationId,
    deskId: c.deskId,
    deskName: state.config.desks.find((d) => d.id === c.deskId)!.name,
    calledAt: c.calledAt,
    active: c.active,
  }));
  return {
    seq,
    office: {
      name: state.config.name,
      timeZone: state.config.timeZone,
      languages: [...state.config.languages],
    },
    stations: state.config.stations.map((s) => {
      const waiting = waitingCount(state, s.id);
      return {
        id: s.id,
        name: s.name,
        agency: s.agency,
        waiting,
        desksOpen: desksOpen(state, s.id),
        estimatedWaitMinutes: estimatedWaitMinutes(state, s.id, waiting),
      };
    }),
    calls,
  };
}

export const StatusViewSchema = z.strictObject({
  seq: z.number().int().nonnegative(),
  ticket: z.string(),
  language: VisitorLanguageSchema,
  status: z.enum(VISIT_STATUSES),
  steps: z.array(
    z.strictObject({
      stationId: z.string(),
      name: z.string(),
      agency: AgencySchema,
      status: z.enum(STEP_STATUSES),
    }),
  ),
  current: z
    .strictObject({
      stationId: z.string(),
      status: z.enum(STEP_STATUSES),
      /** Visits ahead in the queue; null unless waiting. */
      ahead: z.number().int().nonnegative().nullable(),
      estimatedWaitMinutes: z.number().int().nonnegative().nullable(),
      /** Where to go, once called. */
      deskName: z.string().nullable(),
    })
    .nullable(),
});
export type StatusView = z.infer<typeof StatusViewSchema>;

/** A visitor's own ticket, for the status page on their phone. Undefined for an unknown visit. */
export function statusView(
  state: OfficeState,
  visitId: string,
  seq: number,
  now: number,
): StatusView | undefined {
  const visit = state.visits.get(visitId);
  if (!visit) return undefined;
  const step = visit.current === null ? undefined : visit.steps[visit.current];
  const ahead = queuePosition(state, visit, now);
  const desk = step?.deskId ? state.config.desks.find((d) => d.id === step.deskId) : undefined;
  return {
    seq,
    ticket: visit.ticket,
    language: visit.language,
    status: visit.status,
    steps: visit.steps.map((s) => {
      const station = stationOf(state.config, s.stationId);
      return {
        stationId: s.stationId,
        name: station?.name ?? s.stationId,
        agency: station?.agency ?? 'OTHER',
        status: s.status,
      };
    }),
    current: step
      ? {
          stationId: step.stationId,
          status: step.status,
          ahead,
          estimatedWaitMinutes: ahead === null ? null : estimatedWaitMinutes(state, step.stationId, ahead),
          deskName: desk && (step.status === 'called' || step.status === 'serving') ? desk.name : null,
        }
      : null,
  };
}

/** Position and wait of a visit just checked in, for the kiosk's ticket screen. */
export function arrivalInfo(state: OfficeState, visitId: string, now: number) {
  const visit = state.visits.get(visitId);
  const step = visit && visit.current !== null ? visit.steps[visit.current] : undefined;
  if (!visit || !step) return { stationId: null, ahead: null, estimatedWaitMinutes: null };
  const ahead = queuePosition(state, visit, now);
  return {
    stationId: step.stationId,
    ahead,
    estimatedWaitMinutes: ahead === null ? null : estimatedWaitMinutes(state, step.stationId, ahead),
  };
}

const fold = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

/** Today's visits matching a ticket number, a booking reference or part of a member's name. */
export function findVisits(state: OfficeState, text: string): string[] {
  const wanted = fold(text.trim());
  const compact = wanted.replace(/[\s-]/g, '');
  return [...state.visits.values()]
    .filter((v) => {
      const secret = state.privateData.get(v.id);
      return (
        v.ticket.toLowerCase() === compact ||
        (secret?.bookingRef != null && secret.bookingRef.toLowerCase().includes(compact)) ||
        (secret?.members.some((m) => fold(m.name).includes(wanted)) ?? false)
      );
    })
    .sort((a, b) => b.createdAt - a.createdAt)
    .map((v) => v.id);
}
