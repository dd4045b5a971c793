import { mayRun, type Command } from '../commands.js';
import { fail } from '../errors.js';
import type { OfficeState } from '../state.js';
import {
  decideCancel,
  decideCheckIn,
  decideReinstate,
  decideRestoreStep,
  decideSetHousehold,
  decideSkipStep,
  decideUpdate,
} from './arrival.js';
import type { DecideContext, Decided } from './context.js';
import {
  decideAddNote,
  decideCall,
  decideCallNext,
  decideComplete,
  decideCompleteStep,
  decideHandOver,
  decideNoShow,
  decidePark,
  decideRecall,
  decideReturnToQueue,
  decideSetChecklistItem,
  decideSignIn,
  decideSignOut,
  decideStart,
} from './desk.js';
import {
  decideAddInterpreter,
  decideAttachInterpreter,
  decideConfigure,
  decideImportAppointments,
  decideReleaseInterpreter,
  decideRemoveInterpreter,
} from './office.js';

export type { DecideContext, Decided, Decision } from './context.js';
export type { CheckInResult } from './arrival.js';
export type { CallResult } from './desk.js';
export type { ImportResult } from './office.js';
export { decideStartDay } from './office.js';

/**
 * decide(state, command) → events or a typed error. Pure: the same state, command and context
 * always give the same answer, and a refusal changes nothing.
 */
export function decide(state: OfficeState, command: Command, ctx: DecideContext): Decided {
  if (ctx.actor.role === 'system' || !mayRun(ctx.actor.role, command.name))
    return fail('FORBIDDEN', `a ${ctx.actor.role} device may not ${command.name}`);
  switch (command.name) {
    case 'visit:check_in':
      return decideCheckIn(state, command.payload, ctx);
    case 'visit:update':
      return decideUpdate(state, command.payload, ctx);
    case 'visit:set_household':
      return decideSetHousehold(state, command.payload, ctx);
    case 'queue:call_next':
      return decideCallNext(state, ctx);
    case 'visit:call':
      return decideCall(state, command.payload, ctx);
    case 'visit:recall':
      return decideRecall(state, command.payload, ctx);
    case 'visit:no_show':
      return decideNoShow(state, command.payload, ctx);
    case 'visit:start':
      return decideStart(state, command.payload, ctx);
    case 'visit:return_to_queue':
      return decideReturnToQueue(state, command.payload, ctx);
    case 'visit:park':
      return decidePark(state, command.payload, ctx);
    case 'visit:add_note':
      return decideAddNote(state, command.payload, ctx);
    case 'visit:set_checklist_item':
      return decideSetChecklistItem(state, command.payload, ctx);
    case 'visit:hand_over':
      return decideHandOver(state, command.payload, ctx);
    case 'visit:complete_step':
      return decideCompleteStep(state, command.payload, ctx);
    case 'visit:skip_step':
      return decideSkipStep(state, command.payload, ctx);
    case 'visit:restore_step':
      return decideRestoreStep(state, command.payload, ctx);
    case 'visit:complete':
      return decideComplete(state, command.payload, ctx);
    case 'visit:cancel':
      return decideCancel(state, command.payload);
    case 'visit:reinstate':
      return decideReinstate(state, command.payload);
    case 'interpreter:add':
      return decideAddInterpreter(command.payload, ctx);
    case 'interpreter:remove':
      return decideRemoveInterpreter(state, command.payload);
    case 'interpreter:attach':
      return decideAttachInterpreter(state, command.payload, ctx);
    case 'interpreter:release':
      return decideReleaseInterpreter(state, command.payload, ctx);
    case 'appointments:import':
      return decideImportAppointments(state, command.payload, command.rows);
    case 'office:configure':
      return decideConfigure(state, command.payload);
    case 'desk:sign_in':
      return decideSignIn(state, command.payload, ctx);
    case 'desk:sign_out':
      return decideSignOut(state, ctx);
  }
}
