import type { CommandPayload, NoteInput } from '../commands.js';
import { fail, ok, type Result } from '../errors.js';
import type { DomainEvent, EventOf } from '../events.js';
import {
  deskIsBusy,
  handoverTargets,
  nextForDesk,
  noShowAllowed,
  recallAllowed,
  visitsAtDesk,
} from '../queue.js';
import type { OfficeState } from '../state.js';
import type { Visit } from '../visit.js';
import {
  decided,
  heldByDesk,
  signedInDesk,
  type DecideContext,
  type Decided,
  type DeskActor,
} from './context.js';
import { endVisit, moveOn, rulePasses } from './journey.js';

export interface CallResult {
  readonly visitId: string;
  readonly ticket: string;
}

/** Runs `body` for a desk device with a signed-in officer. */
function atDesk<R>(
  state: OfficeState,
  ctx: DecideContext,
  body: (desk: DeskActor) => Decided<R>,
): Decided<R> {
  const desk = signedInDesk(state, ctx);
  return desk.ok ? body(desk.value) : desk;
}

export function decideCallNext(state: OfficeState, ctx: DecideContext): Decided<CallResult> {
  return atDesk(state, ctx, (desk) => {
    if (deskIsBusy(state, desk.desk.id)) return fail('DESK_BUSY', 'finish or park the current visit first');
    const next = nextForDesk(state, desk.desk.id, ctx.now);
    if (!next) return fail('QUEUE_EMPTY', 'nobody is waiting for this desk');
    return decided(
      [{ type: 'called', visitId: next.visit.id, stationId: desk.station.id, deskId: desk.desk.id }],
      {
        visitId: next.visit.id,
        ticket: next.visit.ticket,
      },
    );
  });
}

/** Calls a chosen ticket: out of turn from the station's queue, or a visit this desk parked. */
export function decideCall(
  state: OfficeState,
  p: CommandPayload<'visit:call'>,
  ctx: DecideContext,
): Decided<CallResult> {
  return atDesk(state, ctx, (desk) => {
    const held = heldByDesk(state, p.visitId, desk, ['waiting', 'parked']);
    if (!held.ok) return held;
    if (deskIsBusy(state, desk.desk.id)) return fail('DESK_BUSY', 'finish or park the current visit first');
    const { visit } = held.value;
    return decided(
      [{ type: 'called', visitId: visit.id, stationId: desk.station.id, deskId: desk.desk.id }],
      {
        visitId: visit.id,
        ticket: visit.ticket,
      },
    );
  });
}

export function decideRecall(
  state: OfficeState,
  p: CommandPayload<'visit:recall'>,
  ctx: DecideContext,
): Decided {
  return atDesk(state, ctx, (desk) => {
    const held = heldByDesk(state, p.visitId, desk, ['called']);
    if (!held.ok) return held;
    if (!recallAllowed(held.value.step, state.config, ctx.now))
      return fail('RECALL_TOO_SOON', `wait ${state.config.recallPauseSeconds} s between calls`);
    return decided([{ type: 'recalled', visitId: p.visitId, deskId: desk.desk.id }], {});
  });
}

export function decideNoShow(
  state: OfficeState,
  p: CommandPayload<'visit:no_show'>,
  ctx: DecideContext,
): Decided {
  return atDesk(state, ctx, (desk) => {
    const held = heldByDesk(state, p.visitId, desk, ['called']);
    if (!held.ok) return held;
    if (!noShowAllowed(held.value.step, state.config))
      return fail('RECALLS_REMAINING', `recall ${state.config.noShowRecallLimit} times before a no-show`, {
        recalls: held.value.step.recalls,
        needed: state.config.noShowRecallLimit,
      });
    return decided([{ type: 'no_show', visitId: p.visitId, stationId: desk.station.id }], {});
  });
}

export function decideStart(
  state: OfficeState,
  p: CommandPayload<'visit:start'>,
  ctx: DecideContext,
): Decided {
  return atDesk(state, ctx, (desk) => {
    const held = heldByDesk(state, p.visitId, desk, ['called', 'parked']);
    if (!held.ok) return held;
    if (held.value.step.status === 'parked' && deskIsBusy(state, desk.desk.id))
      return fail('DESK_BUSY', 'finish or park the current visit first');
    return decided([{ type: 'serving_started', visitId: p.visitId, deskId: desk.desk.id }], {});
  });
}

export function decideReturnToQueue(
  state: OfficeState,
  p: CommandPayload<'visit:return_to_queue'>,
  ctx: DecideContext,
): Decided {
  return atDesk(state, ctx, (desk) => {
    const held = heldByDesk(state, p.visitId, desk, ['called', 'serving', 'parked']);
    if (!held.ok) return held;
    return decided([{ type: 'returned_to_queue', visitId: p.visitId, stationId: desk.station.id }], {});
  });
}

export function decidePark(state: OfficeState, p: CommandPayload<'visit:park'>, ctx: DecideContext): Decided {
  return atDesk(state, ctx, (desk) => {
    const held = heldByDesk(state, p.visitId, desk, ['serving']);
    if (!held.ok) return held;
    return decided([{ type: 'parked', visitId: p.visitId, deskId: desk.desk.id }], {});
  });
}

/** A shared note needs the visitor's consent; without it notes stay within the author's agency. */
function noteEvent(
  visit: Visit,
  note: NoteInput,
  desk: DeskActor,
  ctx: DecideContext,
): Result<EventOf<'note_added'>> {
  if (note.visibility === 'shared' && !visit.consent)
    return fail('CONSENT_REQUIRED', 'the visitor has not consented to sharing between agencies');
  const id = ctx.newId();
  return ok({
    type: 'note_added',
    visitId: visit.id,
    noteId: id,
    note: {
      id,
      visitId: visit.id,
      at: ctx.now,
      text: note.text,
      visibility: note.visibility,
      agency: desk.station.agency,
      stationId: desk.station.id,
      deskId: desk.desk.id,
      officer: desk.officer,
    },
  });
}

export function decideAddNote(
  state: OfficeState,
  p: CommandPayload<'visit:add_note'>,
  ctx: DecideContext,
): Decided {
  return atDesk(state, ctx, (desk) => {
    const held = heldByDesk(state, p.visitId, desk, ['called', 'serving', 'parked']);
    if (!held.ok) return held;
    const event = noteEvent(held.value.visit, p.note, desk, ctx);
    if (!event.ok) return event;
    return decided([event.value], { noteId: event.value.noteId });
  });
}

export function decideSetChecklistItem(
  state: OfficeState,
  p: CommandPayload<'visit:set_checklist_item'>,
  ctx: DecideContext,
): Decided {
  return atDesk(state, ctx, (desk) => {
    const held = heldByDesk(state, p.visitId, desk, ['called', 'serving', 'parked']);
    if (!held.ok) return held;
    if (!desk.station.checklist.some((item) => item.id === p.itemId))
      return fail('VALIDATION_FAILED', `no checklist item "${p.itemId}" at this station`);
    return decided(
      [
        {
          type: 'checklist_item_set',
          visitId: p.visitId,
          stationId: desk.station.id,
          itemId: p.itemId,
          checked: p.checked,
        },
      ],
      {},
    );
  });
}

export function decideHandOver(
  state: OfficeState,
  p: CommandPayload<'visit:hand_over'>,
  ctx: DecideContext,
): Decided {
  return atDesk(state, ctx, (desk) => {
    const held = heldByDesk(state, p.visitId, desk, ['called', 'serving', 'parked']);
    if (!held.ok) return held;
    const { visit } = held.value;
    const targets = handoverTargets(state, visit);
    let toStationId: string;
    let toDeskId: string | null = null;
    switch (p.to.kind) {
      case 'next':
        if (targets.next === null)
          return fail('NO_NEXT_STATION', 'the visit has no station left; complete the visit');
        toStationId = targets.next;
        break;
      case 'station':
        if (!targets.stations.includes(p.to.stationId))
          return fail('UNKNOWN_STATION', 'the visit has no step left at that station');
        toStationId = p.to.stationId;
        break;
      case 'desk': {
        const deskId = p.to.deskId;
        const target = state.config.desks.find((d) => d.id === deskId);
        if (!target) return fail('UNKNOWN_DESK', 'no such desk');
        if (!targets.desks.includes(deskId))
          return fail('UNKNOWN_STATION', 'the visit has no step left at that desk');
        toStationId = target.stationId;
        toDeskId = deskId;
      }
    }
    // Going on along the chain passes by the stations whose rules do not apply; a chosen station
    // or desk is the officer's own judgement.
    const events: DomainEvent[] = p.to.kind === 'next' ? rulePasses(visit, targets.passedByRule) : [];
    if (p.note) {
      const note = noteEvent(visit, p.note, desk, ctx);
      if (!note.ok) return note;
      events.push(note.value);
    }
    events.push(
      { type: 'step_completed', visitId: visit.id, stationId: desk.station.id, outcome: p.outcome },
      {
        type: 'handed_over',
        visitId: visit.id,
        fromStationId: desk.station.id,
        toStationId,
        toDeskId,
        warm: true,
      },
    );
    return decided(events, {});
  });
}

/** Completes this desk's step; the visit goes on to the next station, or is registered. */
export function decideCompleteStep(
  state: OfficeState,
  p: CommandPayload<'visit:complete_step'>,
  ctx: DecideContext,
): Decided {
  return atDesk(state, ctx, (desk) => {
    const held = heldByDesk(state, p.visitId, desk, ['serving']);
    if (!held.ok) return held;
    const { visit } = held.value;
    return decided(
      [
        { type: 'step_completed', visitId: visit.id, stationId: desk.station.id, outcome: p.outcome },
        ...moveOn(state, visit, desk.station.id),
      ],
      {},
    );
  });
}

/** The last desk of the chain completes its step and the visit: the household is registered. */
export function decideComplete(
  state: OfficeState,
  p: CommandPayload<'visit:complete'>,
  ctx: DecideContext,
): Decided {
  return atDesk(state, ctx, (desk) => {
    const held = heldByDesk(state, p.visitId, desk, ['serving']);
    if (!held.ok) return held;
    const { visit } = held.value;
    const left = handoverTargets(state, visit).stations;
    if (left.length > 0)
      return fail('JOURNEY_NOT_FINISHED', 'stations are left; hand over or skip them', { left });
    return decided(
      [
        { type: 'step_completed', visitId: visit.id, stationId: desk.station.id, outcome: p.outcome },
        ...endVisit(visit, { type: 'visit_completed', visitId: visit.id }),
      ],
      {},
    );
  });
}

/** Signs an officer in; one who forgot to sign out is replaced. The PIN is checked at the edge. */
export function decideSignIn(
  state: OfficeState,
  p: CommandPayload<'desk:sign_in'>,
  ctx: DecideContext,
): Decided {
  const deskId = ctx.actor.deskId;
  if (deskId === null || !state.config.desks.some((d) => d.id === deskId))
    return fail('UNKNOWN_DESK', 'this device is not paired to a desk of the office');
  const session = state.desks[deskId];
  if (session?.officer === p.officer) return fail('ALREADY_SIGNED_IN', 'already signed in at this desk');
  const events: DomainEvent[] = session ? [{ type: 'desk_signed_out', deskId }] : [];
  events.push({ type: 'desk_signed_in', deskId, officer: p.officer });
  return decided(events, {});
}

export function decideSignOut(state: OfficeState, ctx: DecideContext): Decided {
  return atDesk(state, ctx, (desk) => {
    if (visitsAtDesk(state, desk.desk.id).length > 0)
      return fail('DESK_BUSY', 'return, hand over or complete the visits at this desk first');
    return decided([{ type: 'desk_signed_out', deskId: desk.desk.id }], {});
  });
}
