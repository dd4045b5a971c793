import { applyAll } from '../../shared/apply.js';
import type { Command, CommandName, CommandPayload } from '../../shared/commands.js';
import type { AppointmentInput } from '../../shared/commands.js';
import { decide, type DecideContext, type Decided } from '../../shared/decide/index.js';
import type { Actor, EventEnvelope } from '../../shared/events.js';
import type { OfficeConfig } from '../../shared/office.js';
import { initialState, type OfficeState } from '../../shared/state.js';
import { demoOffice } from '../../server/office/demo.js';

/** 09:00 on Monday 2026-11-23 in Stockholm (UTC+1). */
export const T0 = Date.UTC(2026, 10, 23, 8, 0, 0);
export const DAY = '2026-11-23';
export const MINUTE = 60_000;

export function testConfig(overrides: Partial<OfficeConfig> = {}): OfficeConfig {
  return { ...demoOffice(), ...overrides };
}

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
    payload: Omit<CommandPayload<N>, 'commandId'>,
    rows?: readonly AppointmentInput[],
  ): Decided {
    const command = { name, payload: { commandId: `cmd-${this.seq + 1}-x`, ...payload }, ...(rows && { rows }) } as Command;
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
    payload: Omit<CommandPayload<N>, 'commandId'>,
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

  walkIn(options: { adults?: number; children?: number; consent?: boolean; language?: 'ar' | 'sv' | 'en' } = {}) {
    const result = this.run(actors.kiosk, 'visit:check_in', {
      arrival: { kind: 'walk_in', adults: options.adults ?? 1, children: options.children ?? 0 },
      language: options.language ?? 'ar',
      interpreterLanguage: null,
      consent: options.consent ?? true,
    }).result as { visitId: string; ticket: string };
    return result;
  }

  visit(id: string) {
    const v = this.state.visits[id];
    if (!v) throw new Error(`no visit ${id}`);
    return v;
  }

  step(id: string) {
    const v = this.visit(id);
    return v.current === null ? undefined : v.steps[v.current];
  }
}
