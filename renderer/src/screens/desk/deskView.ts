import { deskOf, stationOf, type OfficeConfig, type Station } from '../../../../shared/office.js';
import {
  deskQueue,
  isDueBooking,
  isHandedOver,
  nextForDesk,
  stationQueue,
  visitsAtDesk,
  type QueueEntry,
} from '../../../../shared/queue.js';
import type { OfficeState } from '../../../../shared/state.js';
import { ruleSkips } from '../../../../shared/rules.js';
import { activeStep, type Member, type Step, type Visit } from '../../../../shared/visit.js';

/**
 * The desk screen's view of the office, as pure functions of the staff state: the screen
 * only renders what these return, so a reconnect (a fresh snapshot) puts it right by itself.
 */

/**
 * How a station is named on staff screens: its agency in the reader's language, with the
 * station's own name only where the office has more than one station of that agency.
 */
export interface StationName {
  readonly agency: Station['agency'];
  /** Set when the agency alone does not tell the station apart. */
  readonly qualifier: string | null;
}

export function stationName(config: OfficeConfig, stationId: string): StationName {
  const station = stationOf(config, stationId);
  if (!station) return { agency: 'OTHER', qualifier: stationId };
  const twins = config.stations.filter((s) => s.agency === station.agency).length;
  return { agency: station.agency, qualifier: twins > 1 ? station.name : null };
}

export interface QueueRow {
  readonly visitId: string;
  readonly ticket: string;
  readonly kind: Visit['kind'];
  /** For a booking: its time; `due` when the booking counts as due under the queue rules. */
  readonly appointmentAt: number | null;
  readonly due: boolean;
  readonly language: string;
  readonly interpreterLanguage: string | null;
  readonly adults: number;
  readonly children: number;
  /** When it joined this station's queue (the wait shown is counted from here). */
  readonly queuedAt: number;
  readonly waitedMs: number;
  /** Over the office's wait warning. */
  readonly longWait: boolean;
  /** The station it came from by a handover, if any. */
  readonly cameFrom: string | null;
  /** A desk this visit was handed to by name (this desk or another one). */
  readonly targetDeskId: string | null;
  /** The visit "Call next" would call now. */
  readonly isNext: boolean;
}

export interface DeskQueues {
  /** Handed to this desk by name: first for it. */
  readonly own: readonly QueueRow[];
  /** The rest of the station's queue, in the order of the queue rules. */
  readonly station: readonly QueueRow[];
  readonly nextVisitId: string | null;
}

const MINUTE = 60_000;

function row(state: OfficeState, entry: QueueEntry, now: number, nextId: string | null): QueueRow {
  const { visit, step } = entry;
  const queuedAt = step.queuedAt ?? visit.createdAt;
  const waitedMs = Math.max(0, now - queuedAt);
  return {
    visitId: visit.id,
    ticket: visit.ticket,
    kind: visit.kind,
    appointmentAt: visit.appointmentAt,
    due: isDueBooking(visit, state.config.queueRules, now),
    language: visit.language,
    interpreterLanguage: visit.interpreterLanguage,
    adults: visit.adults,
    children: visit.children,
    queuedAt,
    waitedMs,
    longWait: waitedMs >= state.config.waitWarningMinutes * MINUTE,
    cameFrom: isHandedOver(step) ? step.cameFrom : null,
    targetDeskId: step.targetDeskId,
    isNext: visit.id === nextId,
  };
}

/** This desk's own queue and the station's, in the order `shared/queue.ts` decides. */
export function deskQueues(state: OfficeState, deskId: string, now: number): DeskQueues {
  const desk = deskOf(state.config, deskId);
  if (!desk) return { own: [], station: [], nextVisitId: null };
  const nextId = nextForDesk(state, deskId, now)?.visit.id ?? null;
  const own = deskQueue(state, deskId, now);
  const rest = stationQueue(state, desk.stationId, now).filter((e) => e.step.targetDeskId !== deskId);
  return {
    own: own.map((e) => row(state, e, now, nextId)),
    station: rest.map((e) => row(state, e, now, nextId)),
    nextVisitId: nextId,
  };
}

/** The visits this desk holds: the one called or in a meeting, and those parked. */
export interface DeskVisits {
  readonly active: Visit | null;
  readonly parked: readonly Visit[];
}

export function deskVisits(state: OfficeState, deskId: string): DeskVisits {
  const held = visitsAtDesk(state, deskId).sort(
    (a, b) =>
      (activeStep(a)?.calledAt ?? 0) - (activeStep(b)?.calledAt ?? 0) || a.ticket.localeCompare(b.ticket),
  );
  const status = (v: Visit) => activeStep(v)?.status;
  return {
    active: held.find((v) => status(v) === 'called' || status(v) === 'serving') ?? null,
    parked: held.filter((v) => status(v) === 'parked'),
  };
}

/** The visit the panel shows: the one at the desk now, else the parked one chosen, else the first parked. */
export function focusedVisit(visits: DeskVisits, selectedId: string | null): Visit | null {
  return visits.active ?? visits.parked.find((v) => v.id === selectedId) ?? visits.parked[0] ?? null;
}

/** The ids of the visits at this desk, sorted: whose personal data this desk may hold. */
export function heldVisitIds(state: OfficeState, deskId: string): string[] {
  return visitsAtDesk(state, deskId)
    .map((v) => v.id)
    .sort();
}

export interface JourneyStep {
  readonly stationId: string;
  readonly status: Step['status'];
  readonly current: boolean;
  readonly deskId: string | null;
  readonly outcome: Step['outcome'];
  readonly skipReason: Step['skipReason'];
  /** A step still to come that this desk may skip (with a reason). */
  readonly skippable: boolean;
  /** A skipped step (by a desk or by its station's rule) that this desk may bring back. */
  readonly restorable: boolean;
  /** A step still to come that its station's age rule will pass by, as the members stand. */
  readonly ruleWillPass: boolean;
}

/**
 * Each station of the visit's journey, in chain order, with what this desk may do about it.
 * The age rules are judged on the members this desk has opened, as the server judges them.
 */
export function journey(config: OfficeConfig, visit: Visit, members: readonly Member[]): JourneyStep[] {
  return visit.steps.map((s, i) => {
    const pending = s.status === 'pending' && i !== visit.current;
    return {
      stationId: s.stationId,
      status: s.status,
      current: i === visit.current,
      deskId: s.deskId,
      outcome: s.outcome,
      skipReason: s.skipReason,
      skippable: pending,
      restorable: s.status === 'skipped',
      ruleWillPass:
        pending &&
        !s.ruleOverride &&
        ruleSkips(stationOf(config, s.stationId)?.rule ?? null, members, visit.day),
    };
  });
}

export interface ChecklistRow {
  readonly id: string;
  readonly label: string;
  readonly checked: boolean;
}

/** The station's checklist for the visit's step here, labelled in the staff language. */
export function checklistRows(
  station: Station,
  step: Step | undefined,
  language: 'sv' | 'en',
): ChecklistRow[] {
  return station.checklist.map((item) => ({
    id: item.id,
    label: item.label[language],
    checked: step?.checklist[item.id] === true,
  }));
}
