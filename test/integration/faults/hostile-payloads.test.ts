import { fromData } from '../../../shared/state.js';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_NAMES, COMMAND_ROLES, type CommandName } from '../../../shared/commands.js';
import { ERROR_CODES } from '../../../shared/errors.js';
import { staffState } from '../../../shared/views.js';
import type { TestClient } from '../../helpers/client.js';
import { DAY, testConfig } from '../../helpers/domain.js';
import { mutation, spoil } from '../../helpers/hostile.js';
import { scaled } from '../../helpers/long.js';
import { connectOffice, ok, type Devices } from '../../helpers/office.js';
import { startTestServer, type TestServer } from '../../helpers/server.js';

const RUNS = scaled(40, 400);
const NOBODY = '00000000-0000-4000-8000-0000000000aa';

/**
 * Fuzzed payloads for every command of the protocol, each sent by a device whose role may send
 * that command (so that it reaches the validation, not only the role check): a valid payload with
 * a value of the wrong type, a huge or unicode-laden string, deep nesting, a prototype-poisoning
 * key, a binary attachment put anywhere in it, or sent instead of it. Each is either refused with a
 * typed error (a known code, no echo of what was sent) and changes nothing, or, when the mutation
 * happened to leave it valid, accepted; and what was accepted survives a restart unchanged.
 */
describe('hostile payloads for every command', () => {
  let server: TestServer;
  let office: Devices;
  let held: string;
  let waiting: string;
  const counts = { refused: 0, accepted: 0 };

  beforeAll(async () => {
    server = await startTestServer();
    office = await connectOffice(server);
    const checkIn = () =>
      office.kiosk.command('visit:check_in', {
        arrival: { kind: 'walk_in', adults: 2, children: 1 },
        language: 'ar',
        interpreterLanguage: null,
        consent: true,
      });
    held = ok(await checkIn()).visitId;
    waiting = ok(await checkIn()).visitId;
    ok(await office.desks['mv-1'].command('visit:call', { visitId: held }));
    ok(await office.desks['mv-1'].command('visit:start', { visitId: held }));
  });
  afterAll(async () => {
    office.close();
    await server.cleanup();
  });

  /** A valid payload for each command (valid in shape: the office may still refuse it). */
  const valid = (name: CommandName): Record<string, unknown> => {
    const note = { text: 'A note', visibility: 'agency' };
    const payloads: Record<CommandName, Record<string, unknown>> = {
      'visit:check_in': {
        arrival: { kind: 'walk_in', adults: 1, children: 0 },
        language: 'ar',
        interpreterLanguage: null,
        consent: true,
      },
      'visit:update': { visitId: held, consent: true, language: 'fa' },
      'visit:set_household': {
        visitId: held,
        adults: 2,
        children: 1,
        members: [{ name: 'Hostile Fuzz', birthDate: '1990-01-01', kind: 'adult', parentsInSweden: null }],
      },
      'queue:call_next': {},
      'visit:call': { visitId: waiting },
      'visit:recall': { visitId: held },
      'visit:no_show': { visitId: held },
      'visit:start': { visitId: held },
      'visit:return_to_queue': { visitId: held },
      'visit:park': { visitId: held },
      'visit:add_note': { visitId: held, note },
      'visit:set_checklist_item': { visitId: held, itemId: 'ut-card', checked: true },
      'visit:hand_over': { visitId: held, to: { kind: 'desk', deskId: 'af-1' }, outcome: 'done', note },
      'visit:complete_step': { visitId: held, outcome: 'follow_up' },
      'visit:skip_step': { visitId: waiting, stationId: 'af', reason: 'not_needed' },
      'visit:restore_step': { visitId: waiting, stationId: 'af', reason: 'visitor_request' },
      'visit:complete': { visitId: held, outcome: 'done' },
      'visit:cancel': { visitId: waiting, reason: 'other' },
      'visit:reinstate': { visitId: waiting },
      'interpreter:add': { language: 'ar', mode: 'onsite', name: 'Tolk Fuzz' },
      'interpreter:remove': { interpreterId: NOBODY },
      'interpreter:attach': { interpreterId: NOBODY, visitId: held },
      'interpreter:release': { interpreterId: NOBODY },
      'appointments:import': {
        day: DAY,
        csv: 'time;reference;language;adults;children\n09:30;FUZZ-0001;ar;1;0',
        dryRun: true,
      },
      'office:configure': { config: testConfig() },
      'desk:sign_in': { officer: 'Officer Fuzz' },
      'desk:sign_out': {},
    };
    return { commandId: randomUUID(), ...payloads[name] };
  };

  const sender = (name: CommandName): TestClient => {
    const roles = COMMAND_ROLES[name];
    if (roles.includes('desk')) return office.desks['mv-1'];
    if (roles.includes('kiosk')) return office.kiosk;
    if (roles.includes('reception')) return office.reception;
    return office.admin;
  };

  it.each(COMMAND_NAMES.map((n) => [n]))('%s', async (name) => {
    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        const payload = spoil(valid(name), m);
        const engine = server.server.engine;
        const [head, state] = [engine.head, engine.state];
        const ack = await sender(name).raw(name, payload);
        if (ack.ok) {
          counts.accepted++;
          return;
        }
        counts.refused++;
        expect(ERROR_CODES).toContain(ack.error.code);
        expect(typeof ack.error.message).toBe('string');
        // A refusal names paths and codes, not the text sent (the admin's config messages name a
        // station id, for the coordinator's sake; those are the admin's own and go nowhere else).
        if (m.kind === 'text' && m.text.trim().length > 3 && name !== 'office:configure')
          expect(JSON.stringify(ack.error)).not.toContain(m.text);
        expect(engine.head).toBe(head);
        expect(engine.state).toBe(state);
      }),
      { numRuns: RUNS },
    );
  });

  // Found by the fuzzing above: an unknown zone was accepted, and then every command threw.
  it('an office config with an unknown time zone is refused, and the office works on', async () => {
    const ack = await office.admin.command('office:configure', {
      config: { ...testConfig(), timeZone: 'Mars/Olympus_Mons' },
    });
    expect(ack).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    ok(await office.admin.command('interpreter:add', { language: 'ti', mode: 'phone', name: 'Tolk Två' }));
  });

  // Found by the fuzzing above: a lone surrogate was acked, and stored as U+FFFD (changed by a restart).
  it('text that cannot be stored as it was sent is refused; Arabic with its marks is not', async () => {
    const mv = office.desks['mv-1'];
    const visitId = [...server.server.engine.state.visits.values()].find(
      (v) => v.status === 'active' && v.steps[v.current!]?.deskId === 'mv-1',
    )?.id;
    for (const [name, payload] of [
      [
        'visit:add_note',
        { visitId: visitId ?? held, note: { text: 'broken \uD800 text', visibility: 'agency' } },
      ],
      ['desk:sign_in', { officer: 'Anna \u202Egreb' }],
      ['desk:sign_in', { officer: 'Anna\u0000Berg' }],
      ['interpreter:add', { language: 'ar', mode: 'onsite', name: 'Tolk \u001B[31m' }],
    ] as const) {
      const client = name === 'interpreter:add' ? office.admin : mv;
      const ack = await client.raw(name, { commandId: randomUUID(), ...payload });
      expect(ack, name).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    }
    const arabic = ok(
      await office.admin.command('interpreter:add', {
        language: 'ar',
        mode: 'onsite',
        name: 'مترجم \u200Fأحمد',
      }),
    );
    expect(server.server.engine.state.interpreters[arabic.interpreterId]?.name).toBe('مترجم \u200Fأحمد');
  });

  it('leaves the server up and its prototypes clean, the staff screens in step, and survives a restart', async () => {
    expect(counts.refused).toBeGreaterThan(COMMAND_NAMES.length * RUNS * 0.7);
    expect(Object.keys(Object.prototype)).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // Another screen was never disturbed: it holds the server's state, event for event.
    const head = server.server.engine.head;
    await office.reception.until(() => office.reception.lastSeq === head, 'reception caught up');
    expect(office.reception.state).toEqual(fromData(staffState(server.server.engine.state)));
    ok(await office.desks['kommun-2'].command('desk:sign_out', {}));
    // Whatever hostile-but-valid text was accepted is stored exactly as it was acked.
    const before = server.server.engine.state;
    const { dir, port, clock } = server;
    office.close();
    await server.close();
    server = await startTestServer({ dir, port, clock });
    office = await connectOffice(server, { signIn: false });
    expect(server.server.engine.state).toEqual(before);
  });
});
