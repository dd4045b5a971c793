import type { HandoverTarget } from '../../../../shared/commands.js';
import { handoverTargets } from '../../../../shared/queue.js';
import type { OfficeState } from '../../../../shared/state.js';
import type { Member, Visit } from '../../../../shared/visit.js';

/**
 * The handover dialog's choices: the next station of the chain (preselected), any other
 * station the visit has still to pass, or a named desk of one of those stations. Whether a
 * desk is open is shown so that an officer does not walk a household to an empty chair.
 */

export interface DeskChoice {
  readonly deskId: string;
  readonly name: string;
  readonly stationId: string;
  readonly officer: string | null;
}

export interface HandoverChoices {
  readonly next: string | null;
  /** Stations the chain passes by on the way to `next` by their age rules (only when going to `next`). */
  readonly passedByRule: readonly string[];
  /** Every station still to pass, in chain order (the next one first). */
  readonly stations: readonly string[];
  readonly desks: readonly DeskChoice[];
}

/** `members` are those this desk opened: the staff state has none, and the rules need them. */
export function handoverChoices(
  state: OfficeState,
  visit: Visit,
  members: readonly Member[],
): HandoverChoices {
  const targets = handoverTargets(state, visit, members);
  const order = (id: string) => {
    const i = state.config.chain.indexOf(id);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  const stations = [...targets.stations].sort((a, b) =>
    a === targets.next ? -1 : b === targets.next ? 1 : order(a) - order(b),
  );
  const desks = state.config.desks
    .filter((d) => targets.desks.includes(d.id))
    .sort((a, b) => stations.indexOf(a.stationId) - stations.indexOf(b.stationId))
    .map((d) => ({
      deskId: d.id,
      name: d.name,
      stationId: d.stationId,
      officer: state.desks[d.id]?.officer ?? null,
    }));
  return { next: targets.next, passedByRule: targets.passedByRule, stations, desks };
}

export type HandoverMode = 'next' | 'station' | 'desk';

export interface HandoverForm {
  readonly mode: HandoverMode;
  readonly stationId: string;
  readonly deskId: string;
}

/** The dialog's starting point: the next station in the chain. */
export function initialHandoverForm(choices: HandoverChoices): HandoverForm {
  return {
    mode: 'next',
    stationId: choices.next ?? choices.stations[0] ?? '',
    deskId: choices.desks[0]?.deskId ?? '',
  };
}

/** The command's target for the form, or null while the choice is incomplete. */
export function handoverTarget(form: HandoverForm, choices: HandoverChoices): HandoverTarget | null {
  switch (form.mode) {
    case 'next':
      return choices.next === null ? null : { kind: 'next' };
    case 'station':
      return choices.stations.includes(form.stationId)
        ? { kind: 'station', stationId: form.stationId }
        : null;
    case 'desk':
      return choices.desks.some((d) => d.deskId === form.deskId)
        ? { kind: 'desk', deskId: form.deskId }
        : null;
  }
}

/** The station a form sends the visit to (for the dialog's summary line). */
export function handoverStation(form: HandoverForm, choices: HandoverChoices): string | null {
  switch (form.mode) {
    case 'next':
      return choices.next;
    case 'station':
      return choices.stations.includes(form.stationId) ? form.stationId : null;
    case 'desk':
      return choices.desks.find((d) => d.deskId === form.deskId)?.stationId ?? null;
  }
}
