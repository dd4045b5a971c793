import { randomUUID } from 'node:crypto';
import { newStatusToken } from '../../../server/devices/credentials.js';
import { apply } from '../../../shared/apply.js';
import type { AppointmentInput, Command } from '../../../shared/commands.js';
import { officeInstant } from '../../../shared/day.js';
import { decide, decideStartDay } from '../../../shared/decide/index.js';
import { SYSTEM_ACTOR, type Actor, type DomainEvent, type EventEnvelope } from '../../../shared/events.js';
import type { OfficeConfig } from '../../../shared/office.js';
import { deskIsBusy, handoverTargets } from '../../../shared/queue.js';
import { initialState, type OfficeState } from '../../../shared/state.js';
import type { Note, Visit, VisitPrivate } from '../../../shared/visit.js';
import type { Rng } from '../../helpers/rng.js';

const MINUTE = 60_000;

/** A command due after the day's cut (`runDay`'s `until`): its household stops where it is. */
class PastTheCut extends Error {}

/** A committed command: what the engine appends and records. */
export interface SimCommand {
  readonly commandId: string;
  readonly name: string;
  readonly actor: Actor;
  readonly at: number;
  readonly events: readonly DomainEvent[];
  readonly result: unknown;
}

/** What a visit ended as, for the projection's rows. */
export interface FinalVisit {
  readonly visit: Visit;
  readonly secret: VisitPrivate | undefined;
  readonly notes: readonly Note[];
}

export interface AuditRow {
  readonly at: number;
  readonly deviceId: string;
  readonly officer: string | null;
  readonly visitId: string;
}

/** One office day (and the day turns before it): what the writer puts in one transaction. */
export interface DayBatch {
  readonly day: string;
  readonly commands: SimCommand[];
  readonly visits: FinalVisit[];
  readonly state: OfficeState;
  readonly audit: AuditRow[];
}

export interface Devices {
  readonly kiosk: string;
  readonly reception: string;
  readonly admin: string;
  readonly desks: Readonly<Record<string, string>>;
}

/** A device id for each screen the simulated commands come from. */
export function newDevices(config: OfficeConfig): Devices {
  return {
    kiosk: randomUUID(),
    reception: randomUUID(),
    admin: randomUUID(),
    desks: Object.fromEntries(config.desks.map((d) => [d.id, randomUUID()])),
  };
}

const LANGUAGES = ['ar', 'ar', 'ar', 'fa', 'prs', 'ti', 'so', 'uk', 'en', 'sv'] as const;
const NAMES = ['Amina', 'Yusuf', 'Hana', 'Dawit', 'Olena', 'Farid', 'Leyla', 'Samir', 'Mariam', 'Abdi'];

/**
 * A day of an office through the real `decide` and `apply`, one household at a time from check-in
 * to registered, each with its own clock (their days overlap in time, not in state: a household
 * that has left is dropped from the state, as nothing later depends on it, which keeps `apply`
 * cheap). The commands are those the screens send, with the waits and meetings of a busy day.
 */
export class OfficeSimulator {
  state: OfficeState;
  private commands: SimCommand[] = [];
  private ended: FinalVisit[] = [];
  private audit: AuditRow[] = [];
  private n = 0;
  /** Nothing happens after this instant of the day being run. */
  private until = Infinity;

  constructor(
    private readonly config: OfficeConfig,
    private readonly devices: Devices,
    private readonly r: Rng,
    firstDay: string,
  ) {
    this.state = initialState(config, firstDay);
  }

  private exec(actor: Actor, command: Command, at: number): unknown {
    if (at > this.until) throw new PastTheCut();
    const decision = decide(this.state, command, {
      now: at,
      actor,
      newId: randomUUID,
      newToken: newStatusToken,
    });
    if (!decision.ok) throw new Error(`${command.name}: ${decision.error.code} ${decision.error.message}`);
    this.record(
      command.payload.commandId,
      command.name,
      actor,
      at,
      decision.value.events,
      decision.value.result,
    );
    return decision.value.result;
  }

  private record(
    commandId: string,
    name: string,
    actor: Actor,
    at: number,
    events: readonly DomainEvent[],
    result: unknown,
  ) {
    for (const event of events) {
      // The day's turn evicts the visits it just cancelled: keep what they ended as first.
      if (event.type === 'day_started') this.dropEnded();
      this.state = apply(this.state, { seq: 0, at, commandId, actor, event } as EventEnvelope);
    }
    if (events.length > 0) this.commands.push({ commandId, name, actor, at, events, result });
  }

  /** The day turns at midnight, every calendar day (the server's timer does it, open or not). */
  turnDay(day: string, at: number): void {
    this.record(
      `day-start-${day}`,
      'office:start_day',
      SYSTEM_ACTOR,
      at,
      decideStartDay(this.state, day),
      {},
    );
  }

  private finalOf(visitId: string): FinalVisit {
    return {
      visit: this.state.visits.get(visitId)!,
      secret: this.state.privateData.get(visitId),
      notes: this.state.notes.get(visitId) ?? [],
    };
  }

  /** Households that left no longer matter to anyone else's commands: out of the state. */
  private dropEnded(): void {
    const gone = [...this.state.visits.values()].filter((v) => v.status !== 'active');
    if (gone.length === 0) return;
    for (const v of gone) this.ended.push(this.finalOf(v.id));
    const ids = gone.map((v) => v.id);
    this.state = {
      ...this.state,
      visits: this.state.visits.deleteAll(ids),
      privateData: this.state.privateData.deleteAll(ids),
      notes: this.state.notes.deleteAll(ids),
    };
  }

  /**
   * A whole office day: officers sign in, the booking list is imported, households come and go.
   * With `until` (after the doors open), the day as it stands at that instant: each household
   * stops where it is then (waiting in a queue, or at a desk, at most one a desk), and the batch
   * holds every visit of the day, the open ones as they stand.
   */
  runDay(day: string, visits: number, until = Infinity): DayBatch {
    const { r, config, devices } = this;
    this.until = until;
    const at = (time: string) => officeInstant(day, time, config.timeZone);
    const admin: Actor = { deviceId: devices.admin, role: 'admin', deskId: null, officer: null };
    const kiosk: Actor = { deviceId: devices.kiosk, role: 'kiosk', deskId: null, officer: null };
    const reception: Actor = { deviceId: devices.reception, role: 'reception', deskId: null, officer: null };
    const cid = () => `sim-${++this.n}-${day}`;

    for (const desk of config.desks)
      this.exec(
        { deviceId: devices.desks[desk.id]!, role: 'desk', deskId: desk.id, officer: null },
        { name: 'desk:sign_in', payload: { commandId: cid(), officer: `Handläggare ${desk.id}` } },
        at('07:45') + r.int(0, 30) * MINUTE,
      );
    const interpreterId = (
      this.exec(
        admin,
        {
          name: 'interpreter:add',
          payload: { commandId: cid(), language: 'ar', mode: 'onsite', name: 'Tolk' },
        },
        at('07:50'),
      ) as { interpreterId: string }
    ).interpreterId;

    // About a quarter come with a booking from Migrationsverket's letter.
    const booked = Math.round(visits * 0.25);
    const rows: AppointmentInput[] = Array.from({ length: booked }, (_, i) => {
      const minutes = 30 + Math.floor((i * 390) / booked);
      const time = `${String(8 + Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
      return {
        time,
        ref: `MV${day.replace(/-/g, '')}${String(i).padStart(4, '0')}`,
        language: r.pick(LANGUAGES),
        adults: r.int(1, 2),
        children: r.int(0, 3),
      };
    });
    this.exec(
      admin,
      {
        name: 'appointments:import',
        payload: { commandId: cid(), day, csv: '(imported)', dryRun: false },
        rows,
      },
      at('07:55'),
    );

    const arrivals = Array.from({ length: visits }, (_, i) =>
      i < booked
        ? { at: at(rows[i]!.time) - r.int(0, 15) * MINUTE, booking: rows[i]! }
        : { at: at('08:30') + r.int(0, 390) * MINUTE + r.int(0, 59) * 1000, booking: null },
    ).sort((a, b) => a.at - b.at);
    for (const arrival of arrivals)
      try {
        this.household(arrival.at, arrival.booking, interpreterId, { kiosk, reception }, cid);
      } catch (error) {
        if (!(error instanceof PastTheCut)) throw error;
      }
    this.until = Infinity;

    const open = Number.isFinite(until) ? [...this.state.visits.keys()].map((id) => this.finalOf(id)) : [];
    const batch: DayBatch = {
      day,
      commands: this.commands,
      visits: [...this.ended, ...open],
      state: this.state,
      audit: this.audit,
    };
    this.commands = [];
    this.ended = [];
    this.audit = [];
    return batch;
  }

  private household(
    arrivedAt: number,
    booking: AppointmentInput | null,
    interpreterId: string,
    screens: { kiosk: Actor; reception: Actor },
    cid: () => string,
  ): void {
    const { r, config, devices } = this;
    let t = arrivedAt;
    const language = booking?.language ?? r.pick(LANGUAGES);
    const interpreterLanguage = language !== 'sv' && language !== 'en' && r.chance(0.7) ? language : null;
    const { visitId } = this.exec(
      screens.kiosk,
      {
        name: 'visit:check_in',
        payload: {
          commandId: cid(),
          arrival: booking
            ? { kind: 'booked', bookingRef: booking.ref }
            : { kind: 'walk_in', adults: r.int(1, 2), children: r.int(0, 4) },
          language,
          interpreterLanguage,
          consent: r.chance(0.75),
        },
      },
      t,
    ) as { visitId: string };
    if (r.chance(0.12)) {
      t += MINUTE;
      this.exec(
        screens.reception,
        {
          name: 'visit:skip_step',
          payload: { commandId: cid(), visitId, stationId: 'af', reason: 'not_eligible' },
        },
        t,
      );
    }
    if (r.chance(0.03)) {
      t += r.int(20, 60) * MINUTE;
      this.exec(
        screens.reception,
        { name: 'visit:cancel', payload: { commandId: cid(), visitId, reason: 'visitor_left' } },
        t,
      );
      return this.dropEnded();
    }
    const attachInterpreter = interpreterLanguage === 'ar' && r.chance(0.3);
    const noShowAt = r.chance(0.03) ? r.int(0, 3) : -1;

    for (let k = 0; ; k++) {
      const visit = this.state.visits.get(visitId)!;
      if (visit.status !== 'active' || visit.current === null) break;
      const step = visit.steps[visit.current]!;
      // A desk holds one household at a time. Only a cut day leaves one there (every other
      // household finishes its meeting before the next starts), so elsewhere all are free.
      const deskIds = config.desks
        .filter((d) => d.stationId === step.stationId && !deskIsBusy(this.state, d.id))
        .map((d) => d.id);
      if (deskIds.length === 0) return; // waits in the queue until the cut
      const deskId = r.pick(deskIds);
      const desk: Actor = {
        deviceId: devices.desks[deskId]!,
        role: 'desk',
        deskId,
        officer: `Handläggare ${deskId}`,
      };
      const last = handoverTargets(this.state, visit).stations.length === 0;
      t += r.int(3, 45) * MINUTE + r.int(0, 59) * 1000;
      this.exec(desk, { name: 'visit:call', payload: { commandId: cid(), visitId } }, t);
      if (k === noShowAt) {
        for (let recall = 0; recall < config.noShowRecallLimit; recall++) {
          t += MINUTE;
          this.exec(desk, { name: 'visit:recall', payload: { commandId: cid(), visitId } }, t);
        }
        t += MINUTE;
        this.exec(desk, { name: 'visit:no_show', payload: { commandId: cid(), visitId } }, t);
        return; // stays open until the day turns, which cancels it
      }
      if (last || r.chance(0.5)) {
        t += r.int(0, 2) * MINUTE + r.int(1, 59) * 1000;
        this.exec(desk, { name: 'visit:start', payload: { commandId: cid(), visitId } }, t);
        this.audit.push({ at: t, deviceId: desk.deviceId, officer: desk.officer, visitId });
      }
      if (step.stationId === 'mv' && r.chance(0.4)) {
        t += r.int(1, 5) * MINUTE;
        const members = Array.from({ length: r.int(1, 3) }, (_, i) => ({
          name: `${r.pick(NAMES)} ${r.pick(NAMES)}sson`,
          birthDate: `${r.int(1955, 2004)}-0${r.int(1, 9)}-1${r.int(0, 9)}`,
          kind: i === 0 ? ('adult' as const) : ('child' as const),
          parentsInSweden: null,
        }));
        this.exec(
          desk,
          {
            name: 'visit:set_household',
            payload: { commandId: cid(), visitId, adults: 1, children: members.length - 1, members },
          },
          t,
        );
      }
      if (k === 0 && attachInterpreter && this.state.interpreters[interpreterId]?.visitId === null) {
        this.exec(
          desk,
          { name: 'interpreter:attach', payload: { commandId: cid(), interpreterId, visitId } },
          t,
        );
      }
      if (r.chance(0.08)) {
        const item = config.stations.find((s) => s.id === step.stationId)!.checklist[0];
        if (item)
          this.exec(
            desk,
            {
              name: 'visit:set_checklist_item',
              payload: { commandId: cid(), visitId, itemId: item.id, checked: true },
            },
            t,
          );
      }
      if (r.chance(0.15)) {
        t += r.int(1, 10) * MINUTE;
        const shared = this.state.visits.get(visitId)!.consent && r.chance(0.5);
        this.exec(
          desk,
          {
            name: 'visit:add_note',
            payload: {
              commandId: cid(),
              visitId,
              note: {
                text: `Anteckning ${step.stationId}: uppföljning behövs om ${r.int(2, 8)} veckor.`,
                visibility: shared ? 'shared' : 'agency',
              },
            },
          },
          t,
        );
      }
      t += r.int(8, 35) * MINUTE + r.int(0, 59) * 1000;
      if (last)
        this.exec(
          desk,
          { name: 'visit:complete', payload: { commandId: cid(), visitId, outcome: 'done' } },
          t,
        );
      else
        this.exec(
          desk,
          {
            name: 'visit:hand_over',
            payload: {
              commandId: cid(),
              visitId,
              to: { kind: 'next' },
              outcome: r.chance(0.9) ? 'done' : 'follow_up',
            },
          },
          t,
        );
    }
    this.dropEnded();
  }
}
