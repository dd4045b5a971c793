import { expect } from 'vitest';
import { applyAll } from '../../shared/apply.js';
import { CommandSchemas, type Command, type CommandInput, type CommandName } from '../../shared/commands.js';
import type { AppointmentInput } from '../../shared/commands.js';
import {
  decide,
  type CallResult,
  type CheckInResult,
  type DecideContext,
  type Decided,
} from '../../shared/decide/index.js';
import type { DomainError, ErrorCode } from '../../shared/errors.js';
import { SYSTEM_ACTOR, type Actor, type DomainEvent, type EventEnvelope } from '../../shared/events.js';
import type { OfficeConfig } from '../../shared/office.js';
import { idMap, initialState, type OfficeState } from '../../shared/state.js';
import type { Step, Visit } from '../../shared/visit.js';
import { demoOffice } from '../../server/office/demo.js';

/** 09:00 on Monday 2026-11-23 in Stockholm (UTC+1). */
export const T0 = Date.UTC(2026, 10, 23, 8, 0, 0);
export const DAY = '2026-11-23';
export const MINUTE = 60_000;

export function testConfig(overrides: Partial<OfficeConfig> = {}): OfficeConfig {
  return { ...demoOffice(), ...overrides };
}

let commands = 0;

/** A command as the edge passes it to the engine: its payload parsed, with a fresh id unless given. */
export function command<N extends CommandName>(
  name: N,
  payload: Record<string, unknown>,
  commandId?: string,
): Command {
  const parsed = CommandSchemas[name].parse({
    commandId: commandId ?? `command-${++commands}-xxxxxxxx`,
    ...payload,
  });
  return { name, payload: parsed } as Command;
}

/** A walk-in household of one, with consent. */
export const walkIn = (commandId?: string): Command =>
  command(
    'visit:check_in',
    {
      arrival: { kind: 'walk_in', adults: 1, children: 0 },
      language: 'ar',
      interpreterLanguage: null,
      consent: true,
    },
    commandId,
  );

export const actors = {
  kiosk: { deviceId: 'dev-kiosk', role: 'kiosk', deskId: null, officer: null },
  reception: { deviceId: 'dev-reception', role: 'reception', deskId: null, officer: null },
  admin: { deviceId: 'dev-admin', role: 'admin', deskId: null, officer: null },
  display: { deviceId: 'dev-display', role: 'display', deskId: null, officer: null },
  desk: (deskId: string, officer: string | null = `Officer ${deskId}`): Actor => ({
    deviceId: `dev-${deskId}`,
    role: 'desk',
    deskId,
    officer,
  }),
} satisfies Record<string, Actor | ((...args: never[]) => Actor)>;

/**
 * A small office simulator over the pure domain: it decides and applies like the server does,
 * with deterministic ids and a clock that tests move by hand.
 */
export class DomainDriver {
  state: OfficeState;
  now = T0;
  seq = 0;
  readonly log: EventEnvelope[] = [];
  private ids = 0;

  constructor(config: OfficeConfig = testConfig(), day = DAY) {
    this.state = initialState(config, day);
  }

  ctx(actor: Actor): DecideContext {
    return {
      now: this.now,
      actor,
      newId: () => `00000000-0000-4000-8000-${String(++this.ids).padStart(12, '0')}`,
      newToken: () => `status-token-${String(++this.ids).padStart(8, '0')}`,
    };
  }

  /** Decides a command; on success applies its events. Returns the decision either way. */
  try<N extends CommandName>(
    actor: Actor,
    name: N,
    payload: Omit<CommandInput<N>, 'commandId'>,
    rows?: readonly AppointmentInput[],
  ): Decided {
    // As at the server's edge: validated, with defaults filled in (raw if a test sends it invalid).
    const raw = { commandId: `command-${this.seq + 1}`, ...payload };
    const parsed = CommandSchemas[name].safeParse(raw);
    const command = { name, payload: parsed.success ? parsed.data : raw, ...(rows && { rows }) } as Command;
    const decided = decide(this.state, command, this.ctx(actor));
    if (decided.ok) {
      const envelopes = decided.value.events.map((event) => ({
        seq: ++this.seq,
        at: this.now,
        commandId: command.payload.commandId,
        actor,
        event,
      }));
      this.log.push(...envelopes);
      this.state = applyAll(this.state, envelopes);
    }
    return decided;
  }

  /** Like `try`, but a refusal fails the test with its code. */
  run<N extends CommandName>(
    actor: Actor,
    name: N,
    payload: Omit<CommandInput<N>, 'commandId'>,
    rows?: readonly AppointmentInput[],
  ) {
    const decided = this.try(actor, name, payload, rows);
    if (!decided.ok) throw new Error(`${name} refused: ${decided.error.code} (${decided.error.message})`);
    return decided.value;
  }

  advance(ms: number): void {
    this.now += ms;
  }

  signIn(deskId: string, officer = `Officer ${deskId}`): void {
    this.run(actors.desk(deskId, officer), 'desk:sign_in', { officer });
  }

  walkIn(
    options: { adults?: number; children?: number; consent?: boolean; language?: 'ar' | 'sv' | 'en' } = {},
  ) {
    const result = this.run(actors.kiosk, 'visit:check_in', {
      arrival: { kind: 'walk_in', adults: options.adults ?? 1, children: options.children ?? 0 },
      language: options.language ?? 'ar',
      interpreterLanguage: null,
      consent: options.consent ?? true,
    }).result as { visitId: string; ticket: string };
    return result;
  }

  visit(id: string) {
    const v = this.state.visits.get(id);
    if (!v) throw new Error(`no visit ${id}`);
    return v;
  }

  step(id: string) {
    const v = this.visit(id);
    return v.current === null ? undefined : v.steps[v.current];
  }
}

// ---------------------------------------------------------------------------------------------
// Small additions for the unit tests of shared/ (the driver above is unchanged).
// ---------------------------------------------------------------------------------------------

/** A visit id that no state holds. */
export const UNKNOWN_ID = '00000000-0000-4000-8000-999999999999';

/** One checked booking-list row, 09:00 with one adult in Arabic unless told otherwise. */
export function appointmentRow(ref: string, overrides: Partial<AppointmentInput> = {}): AppointmentInput {
  return { time: '09:00', ref, language: 'ar', adults: 1, children: 0, ...overrides };
}

/** Imports today's booking list as the admin does (the rows as the edge checked them). */
export function importAppointments(office: DomainDriver, rows: readonly AppointmentInput[], dryRun = false) {
  return office.run(actors.admin, 'appointments:import', { day: office.state.day, csv: 'x', dryRun }, rows);
}

/** A booked check-in at the kiosk. */
export function checkInBooked(
  office: DomainDriver,
  bookingRef: string,
  options: { consent?: boolean; interpreterLanguage?: string | null } = {},
): CheckInResult {
  return office.run(actors.kiosk, 'visit:check_in', {
    arrival: { kind: 'booked', bookingRef },
    language: 'ar',
    interpreterLanguage: options.interpreterLanguage ?? null,
    consent: options.consent ?? true,
  }).result as CheckInResult;
}

/** "Call next" and "start" at a desk; returns the visit now served there. */
export function serveNext(office: DomainDriver, deskId: string): string {
  const actor = actors.desk(deskId);
  const { visitId } = office.run(actor, 'queue:call_next', {}).result as CallResult;
  office.run(actor, 'visit:start', { visitId });
  return visitId;
}

/**
 * Tries a command that must be refused with `code`: asserts that it yields no events, that the
 * state is the very same object as before and deeply unchanged, and that nothing was logged.
 */
export function expectRefused<N extends CommandName>(
  office: DomainDriver,
  actor: Actor,
  name: N,
  payload: Omit<CommandInput<N>, 'commandId'>,
  code: ErrorCode,
  rows?: readonly AppointmentInput[],
): DomainError {
  const before = office.state;
  const copy = structuredClone(before);
  const logged = office.log.length;
  const decided = office.try(actor, name, payload, rows);
  expect(decided.ok ? 'ok' : decided.error.code).toBe(code);
  expect('value' in decided).toBe(false);
  expect(office.state).toBe(before);
  expect(office.state).toEqual(copy);
  expect(office.log).toHaveLength(logged);
  if (decided.ok) throw new Error('unreachable');
  return decided.error;
}

/** The events a successful decision yielded, by type (for concise assertions). */
export function eventTypes(decision: { readonly events: readonly DomainEvent[] }): string[] {
  return decision.events.map((e) => e.type);
}

/** A step of a hand-built visit: pending, untouched, unless told otherwise. */
export function makeStep(stationId: string, overrides: Partial<Step> = {}): Step {
  return {
    stationId,
    status: 'pending',
    queuedAt: null,
    cameFrom: null,
    targetDeskId: null,
    deskId: null,
    calledAt: null,
    lastCalledAt: null,
    startedAt: null,
    endedAt: null,
    recalls: 0,
    outcome: null,
    skipReason: null,
    checklist: {},
    ruleOverride: false,
    ...overrides,
  };
}

/** A hand-built active walk-in visit whose only step (at `stationId`) waits since `queuedAt`. */
export function makeVisit(
  n: number,
  overrides: Partial<Visit> & { stationId?: string; queuedAt?: number; step?: Partial<Step> } = {},
): Visit {
  const { stationId = 'mv', queuedAt = T0, step = {}, ...rest } = overrides;
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    day: DAY,
    ticket: `W${String(n).padStart(3, '0')}`,
    kind: 'walk_in',
    language: 'ar',
    interpreterLanguage: null,
    adults: 1,
    children: 0,
    consent: true,
    appointmentAt: null,
    createdAt: queuedAt,
    status: 'active',
    endedAt: null,
    cancelReason: null,
    steps: [makeStep(stationId, { status: 'waiting', queuedAt, ...step })],
    current: 0,
    interpreterId: null,
    interpreterUsed: false,
    ...rest,
  };
}

/** A state holding exactly these visits, with officers signed in at the given desks. */
export function stateWith(
  visits: readonly Visit[],
  openDesks: readonly string[] = [],
  config: OfficeConfig = testConfig(),
): OfficeState {
  return {
    ...initialState(config, DAY),
    visits: idMap(Object.fromEntries(visits.map((v) => [v.id, v]))),
    desks: Object.fromEntries(openDesks.map((deskId) => [deskId, { deskId, officer: 'X', since: T0 }])),
  };
}

/** Asserts that none of the sentinels occurs anywhere in the value's JSON. */
export function expectNoneOf(value: unknown, sentinels: readonly string[]): void {
  const json = JSON.stringify(value);
  for (const sentinel of sentinels) expect(json, `leaks "${sentinel}"`).not.toContain(sentinel);
}

/** Applies events the server makes on its own (the day's turn), logging them as the system's. */
export function applySystemEvents(office: DomainDriver, events: readonly DomainEvent[]): void {
  const envelopes = events.map((event) => ({
    seq: ++office.seq,
    at: office.now,
    commandId: 'system',
    actor: SYSTEM_ACTOR,
    event,
  }));
  office.log.push(...envelopes);
  office.state = applyAll(office.state, envelopes);
}
