import fc from 'fast-check';
import { expect } from 'vitest';
import type { CommandName } from '../../shared/commands.js';
import type { AckResult } from '../../shared/protocol.js';
import { testConfig } from './domain.js';
import type { ActorKey, OfficeSystem } from './modelSystems.js';
import {
  BOOKING_REFS,
  CHAIN,
  CHECKLIST_ITEMS,
  HOUSEHOLDS,
  MODEL_DESKS,
  stationOfDesk,
  type Expected,
  type HouseholdKind,
  type MVisit,
  type ModelDesk,
  type QueueModel,
} from './queueModel.js';

/**
 * fast-check commands over every command of the protocol, for `fc.asyncModelRun`: each picks
 * its target (a visit, an interpreter) from the model when it runs, predicts the answer with the
 * model, sends the command to the system, and then checks the answer, the queues and the
 * screens against the model.
 */

type Body = (m: QueueModel, r: OfficeSystem, label: string) => Promise<void>;

class Step implements fc.AsyncCommand<QueueModel, OfficeSystem> {
  constructor(
    private readonly label: string,
    private readonly body: Body,
  ) {}
  check(): boolean {
    return true;
  }
  run(m: QueueModel, r: OfficeSystem): Promise<void> {
    return this.body(m, r, this.label);
  }
  toString(): string {
    return this.label;
  }
}

/** A visit id that nobody has: the command must be refused with UNKNOWN_VISIT. */
const NOBODY = '00000000-0000-4000-8000-00000000dead';

/** Every answer the runs have seen, as `name → code`: the tests check that the sequences got deep. */
export const answersSeen = new Set<string>();

function expectAnswer(name: CommandName, ack: AckResult<unknown>, expected: Expected, label: string): void {
  answersSeen.add(`${name} → ${ack.ok ? 'ok' : ack.error.code}`);
  const got = ack.ok ? 'accepted' : `refused ${ack.error.code}`;
  const want = expected.ok ? 'accepted' : `refused ${expected.code}`;
  expect(got, label).toBe(want);
}

/** Sends, checks the answer against the model's prediction, then the state and the screens. */
async function exchange(
  m: QueueModel,
  r: OfficeSystem,
  label: string,
  actor: ActorKey,
  name: CommandName,
  payload: Record<string, unknown>,
  predict: () => Expected,
): Promise<AckResult<unknown>> {
  const expected = predict();
  const ack = await r.send(actor, name, payload);
  expectAnswer(name, ack, expected, label);
  await observe(m, r, label);
  return ack;
}

/** A desk calls next; the visit the model says it gets, if any. */
async function callNextAt(
  m: QueueModel,
  r: OfficeSystem,
  label: string,
  desk: ActorKey,
): Promise<MVisit | undefined> {
  let called: MVisit | undefined;
  await exchange(m, r, `${label}: call next`, desk, 'queue:call_next', {}, () => {
    const outcome = m.callNext(desk);
    called = outcome.visit;
    return outcome;
  });
  return called;
}

async function observe(m: QueueModel, r: OfficeSystem, label: string): Promise<void> {
  m.now = r.now();
  m.expectAgrees(r.state(), label);
  await r.settle(label);
}

/** A visit for a desk to act on: mostly the one it holds, sometimes any (to be refused). */
function visitFor(m: QueueModel, desk: string, pick: number): string {
  const held = m.heldAt(desk);
  if (held.length > 0 && pick % 5 !== 0) return held[pick % held.length]!.id;
  return anyVisit(m, pick);
}

/** A visit to call: mostly one waiting at the desk's station or parked there. */
function visitToCall(m: QueueModel, desk: string, pick: number): string {
  const candidates = [...m.queue(stationOfDesk(desk)), ...m.heldAt(desk)];
  if (candidates.length > 0 && pick % 5 !== 0) return candidates[pick % candidates.length]!.id;
  return anyVisit(m, pick);
}

function anyVisit(m: QueueModel, pick: number): string {
  const all = [...m.visits.values()];
  if (all.length === 0 || pick % 17 === 0) return NOBODY;
  return all[pick % all.length]!.id;
}

function anyInterpreter(m: QueueModel, pick: number): string {
  const all = [...m.interpreters.keys()];
  if (all.length === 0 || pick % 11 === 0) return '00000000-0000-4000-8000-0000000000ee';
  return all[pick % all.length]!;
}

const desk = fc.constantFrom(...MODEL_DESKS);

/**
 * The desk that acts, chosen when the command runs: mostly one with something to do (a queue at
 * its station, or a visit it holds), so that sequences get deep into journeys; sometimes any.
 */
function deskFor(m: QueueModel, wants: 'queue' | 'held', p: number): ModelDesk {
  const busy = MODEL_DESKS.filter((d) =>
    wants === 'queue'
      ? m.queue(stationOfDesk(d)).length > 0 || m.heldAt(d).length > 0
      : m.heldAt(d).length > 0,
  );
  if (busy.length > 0 && p % 6 !== 0) return busy[p % busy.length]!;
  return MODEL_DESKS[p % MODEL_DESKS.length]!;
}
const pick = fc.nat({ max: 1000 });
const station = fc.constantFrom(...CHAIN);

const step = (label: string, body: Body) => new Step(label, body);

/** One arbitrary per command of the protocol (and the clock, and a restart), weighted toward a desk's day. */
export function officeCommands(options: { restarts: boolean }) {
  const checkInWalkIn = fc.boolean().map((consent) =>
    step(`check in walk-in (consent ${consent})`, async (m, r, label) => {
      const arrival = m.checkInWalkIn(consent);
      const ack = await r.send('kiosk', 'visit:check_in', {
        arrival: { kind: 'walk_in', adults: 1, children: 0 },
        language: 'ar',
        interpreterLanguage: null,
        consent,
      });
      expectAnswer('visit:check_in', ack, arrival.expected, label);
      if (ack.ok) {
        const { visitId, ticket } = ack.value as { visitId: string; ticket: string };
        expect(ticket, label).toBe(arrival.ticket);
        arrival.commit(visitId);
      }
      await observe(m, r, label);
    }),
  );

  const checkInBooked = fc.tuple(fc.constantFrom(...BOOKING_REFS), fc.boolean()).map(([ref, consent]) =>
    step(`check in booked ${ref}`, async (m, r, label) => {
      const arrival = m.checkInBooked(ref, consent);
      const ack = await r.send('kiosk', 'visit:check_in', {
        arrival: { kind: 'booked', bookingRef: ref.toLowerCase() },
        language: 'fa',
        interpreterLanguage: 'fa',
        consent,
      });
      expectAnswer('visit:check_in', ack, arrival.expected, label);
      if (ack.ok) {
        const { visitId, ticket } = ack.value as { visitId: string; ticket: string };
        expect(ticket, label).toBe(arrival.ticket);
        arrival.commit(visitId);
      }
      await observe(m, r, label);
    }),
  );

  const importList = fc.subarray([...BOOKING_REFS], { minLength: 1 }).map((refs) =>
    step(`import ${refs.join(' ')}`, (m, r, label) => {
      // Due at once: the clock starts at 09:01, and a booking is due 15 minutes before its time.
      const times = ['08:30', '08:45', '09:00', '09:05', '09:10'];
      const csv = [
        'time;reference;language;adults;children',
        ...refs.map((ref, i) => `${times[i]};${ref};fa;1;0`),
      ];
      return exchange(
        m,
        r,
        label,
        'admin',
        'appointments:import',
        { day: r.state().day, csv: csv.join('\n'), dryRun: false },
        () => m.importAppointments(refs),
      ).then(() => undefined);
    }),
  );

  const signIn = fc
    .tuple(desk, fc.constantFrom('Anna', 'Bo'))
    .map(([d, name]) =>
      step(`${d} sign in ${name}`, (m, r, label) =>
        exchange(m, r, label, d, 'desk:sign_in', { officer: name }, () => m.signIn(d, name)).then(
          () => undefined,
        ),
      ),
    );
  const signOut = desk.map((d) =>
    step(`${d} sign out`, (m, r, label) =>
      exchange(m, r, label, d, 'desk:sign_out', {}, () => m.signOut(d)).then(() => undefined),
    ),
  );

  const callNext = pick.map((dp) =>
    step(`call next ~${dp}`, async (m, r, base) => {
      const d = deskFor(m, 'queue', dp);
      const label = `${base} at ${d}`;
      let expectedVisit: MVisit | undefined;
      const ack = await exchange(m, r, label, d, 'queue:call_next', {}, () => {
        const outcome = m.callNext(d);
        expectedVisit = outcome.visit;
        return outcome;
      });
      if (ack.ok) expect((ack.value as { ticket: string }).ticket, label).toBe(expectedVisit?.ticket);
    }),
  );

  /** The desk commands that take only a visit. */
  const onVisit = (
    name: CommandName,
    choose: typeof visitFor,
    predict: (m: QueueModel, d: ModelDesk, id: string) => Expected,
    extra: Record<string, unknown> = {},
  ) =>
    fc.tuple(pick, pick).map(([dp, p]) =>
      step(`${name} ~${dp} #${p}`, (m, r, base) => {
        const d = deskFor(m, choose === visitToCall ? 'queue' : 'held', dp);
        const label = `${base} at ${d}`;
        const visitId = choose(m, d, p);
        return exchange(m, r, label, d, name, { visitId, ...extra }, () => predict(m, d, visitId)).then(
          () => undefined,
        );
      }),
    );

  const call = onVisit('visit:call', visitToCall, (m, d, id) => m.call(d, id));
  const recall = onVisit('visit:recall', visitFor, (m, d, id) => m.recall(d, id));
  const noShow = onVisit('visit:no_show', visitFor, (m, d, id) => m.noShow(d, id));
  const start = onVisit('visit:start', visitFor, (m, d, id) => m.start(d, id));
  const backToQueue = onVisit('visit:return_to_queue', visitFor, (m, d, id) => m.returnToQueue(d, id));
  const park = onVisit('visit:park', visitFor, (m, d, id) => m.park(d, id));
  const completeStep = onVisit('visit:complete_step', visitFor, (m, d, id) => m.completeStep(d, id), {
    outcome: 'done',
  });
  const complete = onVisit('visit:complete', visitFor, (m, d, id) => m.complete(d, id), { outcome: 'done' });

  const addNote = fc.tuple(pick, pick, fc.boolean()).map(([dp, p, shared]) =>
    step(`note (${shared ? 'shared' : 'agency'}) ~${dp} #${p}`, (m, r, base) => {
      const d = deskFor(m, 'held', dp);
      const label = `${base} at ${d}`;
      const visitId = visitFor(m, d, p);
      const note = { text: `Model note ${p}`, visibility: shared ? 'shared' : 'agency' };
      return exchange(m, r, label, d, 'visit:add_note', { visitId, note }, () =>
        m.addNote(d, visitId, shared),
      ).then(() => undefined);
    }),
  );

  const checklist = fc.tuple(pick, pick, fc.nat({ max: 5 }), fc.boolean()).map(([dp, p, i, checked]) =>
    step(`checklist item ${i} ${checked} ~${dp} #${p}`, (m, r, base) => {
      const d = deskFor(m, 'held', dp);
      const label = `${base} at ${d}`;
      const items = [...CHECKLIST_ITEMS[stationOfDesk(d)]!, 'no-such-item'];
      const itemId = items[i % items.length]!;
      const visitId = visitFor(m, d, p);
      return exchange(m, r, label, d, 'visit:set_checklist_item', { visitId, itemId, checked }, () =>
        m.setChecklistItem(d, visitId, itemId, checked),
      ).then(() => undefined);
    }),
  );

  const target = fc.oneof(
    { weight: 3, arbitrary: fc.constant({ kind: 'next' as const }) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(...CHAIN, 'nowhere')
        .map((stationId) => ({ kind: 'station' as const, stationId })),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(...MODEL_DESKS, 'nowhere-1')
        .map((deskId) => ({ kind: 'desk' as const, deskId })),
    },
  );
  const handOver = fc
    .tuple(pick, pick, target, fc.constantFrom<boolean | null>(null, null, false, true))
    .map(([dp, p, to, note]) =>
      step(`hand over to ${JSON.stringify(to)} (note ${note}) ~${dp} #${p}`, (m, r, base) => {
        const d = deskFor(m, 'held', dp);
        const label = `${base} at ${d}`;
        const visitId = visitFor(m, d, p);
        const payload = {
          visitId,
          to,
          outcome: 'done',
          ...(note !== null && { note: { text: `Handover ${p}`, visibility: note ? 'shared' : 'agency' } }),
        };
        return exchange(m, r, label, d, 'visit:hand_over', payload, () =>
          m.handOver(d, visitId, to, note),
        ).then(() => undefined);
      }),
    );

  const skip = fc.tuple(fc.option(pick), pick, station).map(([dp, p, s]) =>
    step(`skip ${s} ${dp === null ? 'at reception' : `~${dp}`} #${p}`, (m, r, base) => {
      const d = dp === null ? null : deskFor(m, 'held', dp);
      const label = `${base} by ${d ?? 'reception'}`;
      const visitId = d === null ? anyVisit(m, p) : visitFor(m, d, p);
      return exchange(
        m,
        r,
        label,
        d ?? 'reception',
        'visit:skip_step',
        { visitId, stationId: s, reason: 'not_needed' },
        () => m.skipStep(d === null ? 'reception' : { desk: d }, visitId, s),
      ).then(() => undefined);
    }),
  );
  const restore = fc.tuple(pick, station).map(([p, s]) =>
    step(`reception restore ${s} #${p}`, (m, r, label) => {
      // Mostly a step that was skipped, by a desk or by a station's rule; sometimes any.
      const skipped = [...m.visits.values()].filter(
        (v) => v.status === 'active' && v.steps.some((st) => st.status === 'skipped'),
      );
      const chosen = skipped.length > 0 && p % 4 !== 0 ? skipped[p % skipped.length] : undefined;
      const visitId = chosen?.id ?? anyVisit(m, p);
      const stationId = chosen?.steps.find((st) => st.status === 'skipped')?.station ?? s;
      return exchange(
        m,
        r,
        label,
        'reception',
        'visit:restore_step',
        { visitId, stationId, reason: 'skipped_by_mistake' },
        () => m.restoreStep(visitId, stationId),
      ).then(() => undefined);
    }),
  );
  const cancel = pick.map((p) =>
    step(`reception cancel #${p}`, (m, r, label) => {
      const visitId = anyVisit(m, p);
      return exchange(m, r, label, 'reception', 'visit:cancel', { visitId, reason: 'visitor_left' }, () =>
        m.cancel(visitId),
      ).then(() => undefined);
    }),
  );
  const reinstate = pick.map((p) =>
    step(`reception reinstate #${p}`, (m, r, label) => {
      const visitId = anyVisit(m, p);
      return exchange(m, r, label, 'reception', 'visit:reinstate', { visitId }, () =>
        m.reinstate(visitId),
      ).then(() => undefined);
    }),
  );
  const update = fc.tuple(fc.option(pick), pick, fc.boolean()).map(([dp, p, consent]) =>
    step(`consent ${consent} ${dp === null ? 'at reception' : `~${dp}`} #${p}`, (m, r, base) => {
      const d = dp === null ? null : deskFor(m, 'held', dp);
      const label = `${base} by ${d ?? 'reception'}`;
      const visitId = d === null ? anyVisit(m, p) : visitFor(m, d, p);
      return exchange(m, r, label, d ?? 'reception', 'visit:update', { visitId, consent }, () =>
        m.setConsent(d === null ? 'reception' : { desk: d }, visitId, consent),
      ).then(() => undefined);
    }),
  );
  const household = fc
    .tuple(pick, fc.constantFrom(...(Object.keys(HOUSEHOLDS) as HouseholdKind[])))
    .map(([p, kind]) =>
      step(`reception household ${kind} #${p}`, (m, r, label) => {
        const visitId = anyVisit(m, p);
        const { adults, children, members } = HOUSEHOLDS[kind];
        return exchange(
          m,
          r,
          label,
          'reception',
          'visit:set_household',
          { visitId, adults, children, members },
          () => m.setHousehold(visitId, kind),
        ).then(() => undefined);
      }),
    );

  const addInterpreter = fc.constantFrom('ar', 'fa', 'ti').map((language) =>
    step(`admin add interpreter ${language}`, async (m, r, label) => {
      const ack = await r.send('admin', 'interpreter:add', {
        language,
        mode: 'onsite',
        name: `Tolk ${language}`,
      });
      expectAnswer('interpreter:add', ack, { ok: true }, label);
      if (ack.ok) m.addInterpreter((ack.value as { interpreterId: string }).interpreterId);
      await observe(m, r, label);
    }),
  );
  const removeInterpreter = pick.map((p) =>
    step(`admin remove interpreter #${p}`, (m, r, label) => {
      const interpreterId = anyInterpreter(m, p);
      return exchange(m, r, label, 'admin', 'interpreter:remove', { interpreterId }, () =>
        m.removeInterpreter(interpreterId),
      ).then(() => undefined);
    }),
  );
  const attach = fc.tuple(pick, pick).map(([p, q]) =>
    step(`reception attach interpreter #${p} to #${q}`, (m, r, label) => {
      const interpreterId = anyInterpreter(m, p);
      const visitId = anyVisit(m, q);
      return exchange(m, r, label, 'reception', 'interpreter:attach', { interpreterId, visitId }, () =>
        m.attachInterpreter(interpreterId, visitId),
      ).then(() => undefined);
    }),
  );
  const release = pick.map((p) =>
    step(`reception release interpreter #${p}`, (m, r, label) => {
      const interpreterId = anyInterpreter(m, p);
      return exchange(m, r, label, 'reception', 'interpreter:release', { interpreterId }, () =>
        m.releaseInterpreter(interpreterId),
      ).then(() => undefined);
    }),
  );

  const configure = fc.integer({ min: 5, max: 120 }).map((minutes) =>
    step(`admin configure (wait warning ${minutes} min)`, (m, r, label) =>
      exchange(
        m,
        r,
        label,
        'admin',
        'office:configure',
        { config: testConfig({ waitWarningMinutes: minutes }) },
        () => ({
          ok: true,
        }),
      ).then(() => undefined),
    ),
  );

  const advance = fc.integer({ min: 1_000, max: 20_000 }).map((ms) =>
    step(`${ms / 1000} s pass`, async (m, r, label) => {
      r.advance(ms);
      await observe(m, r, label);
    }),
  );

  /** A desk's whole turn with one household: call next, start, hand over along the chain or complete. */
  const serve = fc.tuple(pick, fc.constantFrom('next', 'complete_step')).map(([dp, how]) =>
    step(`serve (${how}) ~${dp}`, async (m, r, base) => {
      const d = deskFor(m, 'queue', dp);
      const label = `${base} at ${d}`;
      const called = await callNextAt(m, r, label, d);
      if (!called) return;
      const visitId = called.id;
      await exchange(m, r, `${label}: start`, d, 'visit:start', { visitId }, () => m.start(d, visitId));
      const last = called.steps.filter((s) => s.status === 'pending').length === 0;
      if (last)
        await exchange(m, r, `${label}: complete`, d, 'visit:complete', { visitId, outcome: 'done' }, () =>
          m.complete(d, visitId),
        );
      else if (how === 'next')
        await exchange(
          m,
          r,
          `${label}: hand over`,
          d,
          'visit:hand_over',
          { visitId, to: { kind: 'next' }, outcome: 'done' },
          () => m.handOver(d, visitId, { kind: 'next' }, null),
        );
      else
        await exchange(
          m,
          r,
          `${label}: complete step`,
          d,
          'visit:complete_step',
          { visitId, outcome: 'done' },
          () => m.completeStep(d, visitId),
        );
    }),
  );

  /** A household that does not come: called, called again twice (15 s apart), marked absent. */
  const miss = pick.map((dp) =>
    step(`miss ~${dp}`, async (m, r, base) => {
      const d = deskFor(m, 'queue', dp);
      const label = `${base} at ${d}`;
      const called = await callNextAt(m, r, label, d);
      if (!called) return;
      const visitId = called.id;
      for (const n of [1, 2]) {
        r.advance(16_000);
        m.now = r.now();
        await exchange(m, r, `${label}: recall ${n}`, d, 'visit:recall', { visitId }, () =>
          m.recall(d, visitId),
        );
      }
      await exchange(m, r, `${label}: no show`, d, 'visit:no_show', { visitId }, () => m.noShow(d, visitId));
    }),
  );

  const restart = fc.constant(
    step('restart', async (m, r, label) => {
      await r.restart();
      answersSeen.add('restart');
      await observe(m, r, label);
    }),
  );

  return [
    checkInWalkIn,
    checkInWalkIn,
    checkInWalkIn,
    checkInBooked,
    importList,
    signIn,
    signOut,
    callNext,
    callNext,
    callNext,
    callNext,
    call,
    recall,
    recall,
    noShow,
    start,
    start,
    start,
    backToQueue,
    park,
    addNote,
    checklist,
    handOver,
    handOver,
    handOver,
    completeStep,
    completeStep,
    complete,
    skip,
    restore,
    cancel,
    reinstate,
    update,
    household,
    addInterpreter,
    removeInterpreter,
    attach,
    release,
    configure,
    advance,
    advance,
    serve,
    serve,
    serve,
    serve,
    miss,
    ...(options.restarts ? [restart] : []),
  ];
}
