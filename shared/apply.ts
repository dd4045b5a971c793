import type { EventEnvelope } from './events.js';
import { idMap, type IdMap, type OfficeState } from './state.js';
import { carryIndex } from './visitIndex.js';
import { ticketNumber } from './ticket.js';
import { normalizeBookingRef, type Step, type Visit } from './visit.js';

/**
 * apply(state, event) → state: the projection. Pure and total: an event about something the
 * state does not hold (a staff screen that joined after the visit left its view) changes
 * nothing, rather than throwing. Only `decide` judges whether an event may happen.
 */
export function apply(state: OfficeState, envelope: EventEnvelope): OfficeState {
  const next = project(state, envelope);
  carryIndex(state, next, envelope.event);
  return next;
}

function project(state: OfficeState, envelope: EventEnvelope): OfficeState {
  const { event, at } = envelope;
  switch (event.type) {
    case 'checked_in': {
      const { visit } = event;
      const prefix = visit.ticket[0]!;
      const number = ticketNumber(visit.ticket);
      let next: OfficeState = {
        ...state,
        visits: state.visits.set(visit.id, visit),
        ticketCounters: {
          ...state.ticketCounters,
          [prefix]: Math.max(state.ticketCounters[prefix] ?? 0, number),
        },
      };
      if (event.private) {
        next = { ...next, privateData: next.privateData.set(visit.id, event.private) };
        const ref = event.private.bookingRef && normalizeBookingRef(event.private.bookingRef);
        const appointment = ref ? next.appointments.get(ref) : undefined;
        if (ref && appointment)
          next = { ...next, appointments: next.appointments.set(ref, { ...appointment, visitId: visit.id }) };
      }
      return next;
    }
    case 'visit_updated':
      return updateVisit(state, event.visitId, (v) => ({
        ...v,
        ...(event.language !== undefined && { language: event.language }),
        ...(event.interpreterLanguage !== undefined && { interpreterLanguage: event.interpreterLanguage }),
        ...(event.consent !== undefined && { consent: event.consent }),
      }));
    case 'household_set': {
      const next = updateVisit(state, event.visitId, (v) => ({
        ...v,
        adults: event.adults,
        children: event.children,
      }));
      const current = next.privateData.get(event.visitId);
      if (!event.members || !current) return next;
      return {
        ...next,
        privateData: next.privateData.set(event.visitId, { ...current, members: event.members }),
      };
    }
    case 'called':
      return updateActiveStep(state, event.visitId, (s) => ({
        ...s,
        status: 'called',
        deskId: event.deskId,
        calledAt: s.calledAt ?? at,
        lastCalledAt: at,
        recalls: 0,
      }));
    case 'recalled':
      return updateActiveStep(state, event.visitId, (s) => ({
        ...s,
        recalls: s.recalls + 1,
        lastCalledAt: at,
      }));
    case 'serving_started':
      return updateActiveStep(state, event.visitId, (s) => ({
        ...s,
        status: 'serving',
        deskId: event.deskId,
        startedAt: s.startedAt ?? at,
      }));
    case 'returned_to_queue':
      // Time back in the queue is not service time: serving again starts a new service period.
      return updateActiveStep(state, event.visitId, (s) => ({
        ...s,
        status: 'waiting',
        deskId: null,
        startedAt: null,
        recalls: 0,
        lastCalledAt: null,
      }));
    case 'parked':
      return updateActiveStep(state, event.visitId, (s) => ({
        ...s,
        status: 'parked',
        deskId: event.deskId,
      }));
    case 'no_show':
      return updateActiveStep(state, event.visitId, (s) => ({ ...s, status: 'no_show', endedAt: at }));
    case 'reinstated':
      return updateActiveStep(state, event.visitId, (s) => ({
        ...s,
        status: 'waiting',
        queuedAt: at,
        deskId: null,
        recalls: 0,
        lastCalledAt: null,
        endedAt: null,
      }));
    case 'note_added': {
      if (!event.note || !state.visits.has(event.visitId)) return state;
      const notes = state.notes.get(event.visitId) ?? [];
      return { ...state, notes: state.notes.set(event.visitId, [...notes, event.note]) };
    }
    case 'checklist_item_set':
      return updateStep(state, event.visitId, event.stationId, (s) => ({
        ...s,
        checklist: { ...s.checklist, [event.itemId]: event.checked },
      }));
    case 'handed_over':
      return updateVisit(state, event.visitId, (v) => {
        const index = v.steps.findIndex((s) => s.stationId === event.toStationId);
        if (index < 0) return v;
        const steps = v.steps.map((s, i) =>
          i === index
            ? {
                ...s,
                status: 'waiting' as const,
                queuedAt: at,
                cameFrom: event.fromStationId,
                targetDeskId: event.toDeskId,
                deskId: null,
              }
            : s,
        );
        return { ...v, steps, current: index };
      });
    case 'step_completed':
      return updateStep(state, event.visitId, event.stationId, (s) => ({
        ...s,
        status: 'done',
        outcome: event.outcome,
        endedAt: at,
      }));
    case 'step_skipped':
      return updateStep(state, event.visitId, event.stationId, (s) => ({
        ...s,
        status: 'skipped',
        skipReason: event.reason,
        targetDeskId: null,
        endedAt: at,
      }));
    case 'step_restored':
      return updateStep(state, event.visitId, event.stationId, (s) => ({
        ...s,
        status: 'pending',
        skipReason: null,
        endedAt: null,
        ruleOverride: true,
      }));
    case 'visit_completed':
      return updateVisit(state, event.visitId, (v) => ({
        ...v,
        status: 'registered',
        current: null,
        endedAt: at,
      }));
    case 'visit_cancelled':
      return updateVisit(state, event.visitId, (v) => ({
        ...v,
        status: 'cancelled',
        cancelReason: event.reason,
        current: null,
        endedAt: at,
      }));
    case 'interpreter_added':
      return { ...state, interpreters: { ...state.interpreters, [event.interpreter.id]: event.interpreter } };
    case 'interpreter_removed': {
      const { [event.interpreterId]: _removed, ...interpreters } = state.interpreters;
      return { ...state, interpreters };
    }
    case 'interpreter_attached':
    case 'interpreter_released': {
      const attach = event.type === 'interpreter_attached';
      const interpreter = state.interpreters[event.interpreterId];
      // Only what the event is about: a visit this state holds, and (on release) the same visit.
      if (
        !state.visits.has(event.visitId) ||
        (!attach && interpreter && interpreter.visitId !== event.visitId)
      )
        return state;
      const next = updateVisit(state, event.visitId, (v) => ({
        ...v,
        interpreterId: attach ? event.interpreterId : null,
        interpreterUsed: v.interpreterUsed || attach,
      }));
      if (!interpreter) return next;
      return {
        ...next,
        interpreters: {
          ...next.interpreters,
          [interpreter.id]: { ...interpreter, visitId: attach ? event.visitId : null },
        },
      };
    }
    case 'appointments_imported': {
      if (!event.appointments) return state;
      // A re-import replaces the list, but never forgets who has already checked in.
      const kept = state.appointments.filter((a) => a.visitId !== null);
      const imported = idMap(
        Object.fromEntries(event.appointments.map((a) => [normalizeBookingRef(a.ref), a])),
      );
      return { ...state, appointments: imported.merge(kept) };
    }
    case 'desk_signed_in':
      return {
        ...state,
        desks: {
          ...state.desks,
          [event.deskId]: { deskId: event.deskId, officer: event.officer, since: at },
        },
      };
    case 'desk_signed_out': {
      const { [event.deskId]: _gone, ...desks } = state.desks;
      return { ...state, desks };
    }
    case 'config_changed':
      return { ...state, config: event.config };
    case 'day_started': {
      // The day's ended visits leave the live state; the log and the statistics keep them.
      const visits = state.visits.filter((v) => v.status === 'active' || v.day >= event.day);
      const keep = <T>(map: IdMap<T>) => map.filter((_, id) => visits.has(id));
      return {
        ...state,
        day: event.day,
        visits,
        privateData: keep(state.privateData),
        notes: keep(state.notes),
        appointments: state.appointments.filter((a) => a.day >= event.day),
        interpreters: {},
        ticketCounters: {},
      };
    }
  }
}

export function applyAll(state: OfficeState, envelopes: readonly EventEnvelope[]): OfficeState {
  return envelopes.reduce(apply, state);
}

function updateVisit(state: OfficeState, visitId: string, fn: (v: Visit) => Visit): OfficeState {
  const visit = state.visits.get(visitId);
  if (!visit) return state;
  return { ...state, visits: state.visits.set(visitId, fn(visit)) };
}

function updateStep(
  state: OfficeState,
  visitId: string,
  stationId: string,
  fn: (s: Step) => Step,
): OfficeState {
  return updateVisit(state, visitId, (v) => ({
    ...v,
    steps: v.steps.map((s) => (s.stationId === stationId ? fn(s) : s)),
  }));
}

function updateActiveStep(state: OfficeState, visitId: string, fn: (s: Step) => Step): OfficeState {
  return updateVisit(state, visitId, (v) =>
    v.current === null ? v : { ...v, steps: v.steps.map((s, i) => (i === v.current ? fn(s) : s)) },
  );
}
