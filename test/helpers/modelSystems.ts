import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { applyAll } from '../../shared/apply.js';
import { CommandSchemas, type CommandName } from '../../shared/commands.js';
import { decide } from '../../shared/decide/index.js';
import type { Actor, EventEnvelope } from '../../shared/events.js';
import type { AckResult } from '../../shared/protocol.js';
import { fromData, initialState, type OfficeState } from '../../shared/state.js';
import { staffState } from '../../shared/views.js';
import { prepareCommand } from '../../server/office/prepare.js';
import type { OfficeStore } from '../../server/store/store.js';
import { TestClient } from './client.js';
import { actors, DAY, T0, testConfig } from './domain.js';
import { MODEL_DESKS, type ModelDesk } from './queueModel.js';
import { ManualClock, startTestServer, type TestServer } from './server.js';

/** Who sends a command in the model-based tests. */
export type ActorKey = 'kiosk' | 'reception' | 'admin' | ModelDesk;
export const ACTOR_KEYS: readonly ActorKey[] = ['kiosk', 'reception', 'admin', ...MODEL_DESKS];

/** Every desk starts the day signed in; the sequences sign them out and in again. */
export const FIRST_OFFICERS: readonly [string, string][] = MODEL_DESKS.map((d) => [d, `Officer ${d}`]);

function actorOf(key: ActorKey): Actor {
  return key === 'kiosk' || key === 'reception' || key === 'admin' ? actors[key] : actors.desk(key, null);
}

/** An office that the model-based tests drive and observe: the pure domain, or the real server. */
export interface OfficeSystem {
  now(): number;
  advance(ms: number): void;
  send(actor: ActorKey, name: CommandName, payload: Record<string, unknown>): Promise<AckResult<unknown>>;
  /** The whole current state, personal data included. */
  state(): OfficeState;
  /** Stops and starts again on the same data; the state afterwards must be the same. */
  restart(): Promise<void>;
  /** After each command: whatever the system's screens hold must agree with it. */
  settle(context: string): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * The pure domain as the server uses it (edge validation, prepare, decide, apply), with a log;
 * a "restart" rebuilds the state from the log alone. Fast: hundreds of sequences a second.
 */
export class DomainOffice implements OfficeSystem {
  private current: OfficeState;
  private readonly log: EventEnvelope[] = [];
  private clock = T0;

  static async open(): Promise<DomainOffice> {
    const office = new DomainOffice();
    for (const [desk, officer] of FIRST_OFFICERS)
      await office.send(desk as ModelDesk, 'desk:sign_in', { officer });
    return office;
  }

  private constructor() {
    this.current = initialState(testConfig(), DAY);
  }

  now(): number {
    return this.clock;
  }

  advance(ms: number): void {
    this.clock += ms;
  }

  send(key: ActorKey, name: CommandName, payload: Record<string, unknown>): Promise<AckResult<unknown>> {
    const parsed = CommandSchemas[name].safeParse({ commandId: randomUUID(), ...payload });
    if (!parsed.success)
      return Promise.resolve({
        ok: false,
        error: { code: 'VALIDATION_FAILED', message: parsed.error.message },
      });
    // The store is asked only for officers' PINs, which the demo office does not use.
    const command = prepareCommand(name, parsed.data, this.current, undefined as unknown as OfficeStore);
    if (command instanceof Promise) throw new Error('the model office asks no PINs, so nothing waits');
    if (!command.ok) return Promise.resolve({ ok: false, error: command.error });
    const actor = actorOf(key);
    const officer = actor.deskId === null ? null : (this.current.desks[actor.deskId]?.officer ?? null);
    const decided = decide(this.current, command.value, {
      now: this.clock,
      actor: { ...actor, officer },
      newId: randomUUID,
      newToken: () => randomUUID().replace(/-/g, ''),
    });
    if (!decided.ok) return Promise.resolve({ ok: false, error: decided.error });
    const envelopes = decided.value.events.map((event, i) => ({
      seq: this.log.length + 1 + i,
      at: this.clock,
      commandId: parsed.data.commandId,
      actor: { ...actor, officer },
      event,
    }));
    this.log.push(...envelopes);
    this.current = applyAll(this.current, envelopes);
    return Promise.resolve({ ok: true, seq: this.log.length, value: decided.value.result });
  }

  state(): OfficeState {
    return this.current;
  }

  restart(): Promise<void> {
    const replayed = applyAll(initialState(testConfig(), DAY), this.log);
    expect(replayed, 'the state rebuilt from the log').toEqual(this.current);
    this.current = replayed;
    return Promise.resolve();
  }

  settle(): Promise<void> {
    return Promise.resolve();
  }

  dispose(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * A paired office on disk: every role and desk paired, every desk signed in. Each run of a
 * property copies it, so a run starts in milliseconds rather than pairing a dozen devices.
 */
export interface OfficeTemplate {
  readonly file: string;
  readonly tokens: Record<ActorKey, string>;
  cleanup(): void;
}

export async function makeOfficeTemplate(): Promise<OfficeTemplate> {
  const server = await startTestServer({ clock: new ManualClock(T0) });
  const tokens = {} as Record<ActorKey, string>;
  for (const key of ACTOR_KEYS)
    tokens[key] = await server.pair(
      key === 'kiosk' || key === 'reception' || key === 'admin' ? key : 'desk',
      key === 'kiosk' || key === 'reception' || key === 'admin' ? undefined : key,
    );
  for (const [desk, officer] of FIRST_OFFICERS) {
    const client = new TestClient(server.url, { token: tokens[desk as ActorKey] });
    await client.connected();
    const ack = await client.command('desk:sign_in', { officer });
    if (!ack.ok) throw new Error(`sign-in at ${desk}: ${ack.error.code}`);
    client.close();
  }
  await server.close();
  return {
    file: join(server.dir, 'motesplats.sqlite'),
    tokens,
    cleanup: () => rmSync(server.dir, { recursive: true, force: true }),
  };
}

const sessionCount = (client: TestClient) =>
  client.received.filter((m) => m.event === 'session:ready').length;

/** The real server over sockets, on a copy of the template; restarts close and reopen it on its data. */
export class ServerOffice implements OfficeSystem {
  private readonly clients = new Map<ActorKey, TestClient>();

  private constructor(
    private server: TestServer,
    private readonly clock: ManualClock,
  ) {}

  static async open(template: OfficeTemplate): Promise<ServerOffice> {
    const dir = mkdtempSync(join(tmpdir(), 'motesplats-model-'));
    copyFileSync(template.file, join(dir, 'motesplats.sqlite'));
    if (existsSync(`${template.file}-wal`))
      copyFileSync(`${template.file}-wal`, join(dir, 'motesplats.sqlite-wal'));
    const clock = new ManualClock(T0 + 60_000);
    const office = new ServerOffice(await startTestServer({ dir, clock }), clock);
    await Promise.all(
      ACTOR_KEYS.map(async (key) => {
        const client = new TestClient(office.server.url, { token: template.tokens[key] });
        office.clients.set(key, client);
        await client.connected();
        await client.until(
          () => client.state !== undefined || client.publicView !== undefined,
          'first state',
        );
      }),
    );
    return office;
  }

  now(): number {
    return this.clock.now();
  }

  advance(ms: number): void {
    this.clock.advance(ms);
  }

  send(key: ActorKey, name: CommandName, payload: Record<string, unknown>): Promise<AckResult<unknown>> {
    return this.clients.get(key)!.raw(name, { commandId: randomUUID(), ...payload });
  }

  state(): OfficeState {
    return this.server.server.engine.state;
  }

  /** The ids of the commands that took effect, in the order the server committed them. */
  committedCommandIds(): string[] {
    return this.server.sqlite.db
      .prepare<[], string>(`SELECT command_id FROM commands ORDER BY first_seq`)
      .pluck()
      .all();
  }

  async restart(): Promise<void> {
    const before = this.state();
    const head = this.server.server.engine.head;
    const { dir, port } = this.server;
    const sessions = new Map([...this.clients].map(([key, c]) => [key, sessionCount(c)]));
    await this.server.close();
    this.server = await startTestServer({ dir, port, clock: this.clock });
    expect(this.server.server.engine.head).toBe(head);
    expect(this.state(), 'the state loaded from the tables after a restart').toEqual(before);
    for (const [key, client] of this.clients)
      await client.until(() => sessionCount(client) > sessions.get(key)!, `${key} reconnected`, 10_000);
  }

  /** Staff screens that applied the event stream hold exactly the server's state, less personal data. */
  async settle(context: string): Promise<void> {
    const head = this.server.server.engine.head;
    const expected = fromData(staffState(this.state()));
    for (const key of ['reception', 'mv-1'] as const) {
      const client = this.clients.get(key)!;
      await client.until(() => client.lastSeq === head, `${key} at seq ${head} (${context})`);
      expect(client.state, `${key}'s state after ${context}`).toEqual(expected);
    }
  }

  async dispose(): Promise<void> {
    for (const client of this.clients.values()) client.close();
    await this.server.cleanup();
  }
}
