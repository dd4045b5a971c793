import type { DomainEvent } from '../events.js';
import { handoverTargets } from '../queue.js';
import type { OfficeState } from '../state.js';
import type { Visit } from '../visit.js';

/**
 * After the active step has ended (done or skipped), where the visit goes: to the next station
 * in the chain that it still has to pass, back in that station's queue, passing by the stations
 * whose age rules do not apply; with nothing left, the household is registered. `visit` is the
 * state before the step ended.
 */
export function moveOn(state: OfficeState, visit: Visit, ended: string): DomainEvent[] {
  const { next, passedByRule } = handoverTargets(state, visit);
  const passed = rulePasses(visit, passedByRule);
  if (next === null) return [...passed, ...endVisit(visit, { type: 'visit_completed', visitId: visit.id })];
  return [
    ...passed,
    {
      type: 'handed_over',
      visitId: visit.id,
      fromStationId: ended,
      toStationId: next,
      toDeskId: null,
      warm: false,
    },
  ];
}

/** The steps that stations' age rules pass by, skipped with the rule as the reason. */
export function rulePasses(visit: Visit, stations: readonly string[]): DomainEvent[] {
  return stations.map((stationId) => ({
    type: 'step_skipped',
    visitId: visit.id,
    stationId,
    reason: 'age_rule',
  }));
}

/** Ends a visit, releasing an interpreter who followed it. */
export function endVisit(visit: Visit, end: DomainEvent): DomainEvent[] {
  const release: DomainEvent[] =
    visit.interpreterId === null
      ? []
      : [{ type: 'interpreter_released', interpreterId: visit.interpreterId, visitId: visit.id }];
  return [end, ...release];
}
