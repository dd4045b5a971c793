import type { DomainEvent } from '../events.js';
import { handoverTargets } from '../queue.js';
import type { OfficeState } from '../state.js';
import type { Visit } from '../visit.js';

/**
 * After the active step has ended (done or skipped), where the visit goes: to the next station
 * in the chain that it still has to pass, back in that station's queue; with nothing left, the
 * household is registered. `visit` is the state before the step ended.
 */
export function moveOn(state: OfficeState, visit: Visit, ended: string): DomainEvent[] {
  const next = handoverTargets(state, visit).next;
  if (next !== null)
    return [
      {
        type: 'handed_over',
        visitId: visit.id,
        fromStationId: ended,
        toStationId: next,
        toDeskId: null,
        warm: false,
      },
    ];
  return endVisit(visit, { type: 'visit_completed', visitId: visit.id });
}

/** Ends a visit, releasing an interpreter who followed it. */
export function endVisit(visit: Visit, end: DomainEvent): DomainEvent[] {
  const release: DomainEvent[] =
    visit.interpreterId === null
      ? []
      : [{ type: 'interpreter_released', interpreterId: visit.interpreterId, visitId: visit.id }];
  return [end, ...release];
}
