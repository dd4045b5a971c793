import {
  CommandSchemas,
  type CommandInput,
  type CommandName,
  type CommandPayload,
} from '../../shared/commands.js';
import type { Actor } from '../../shared/events.js';
import { prepareCommand } from '../../server/office/prepare.js';
import type { TestServer } from './server.js';
import { actors, MINUTE } from './domain.js';
import { rng } from './rng.js';

/** What the simulation did to one step, from its own clock, for figures computed without the server. */
export interface StepLedger {
  stationId: string;
  queuedAt: number | null;
  calledAt: number | null;
  startedAt: number | null;
  endedAt: number | null;
  status: 'pending' | 'done' | 'skipped' | 'no_show' | 'waiting';
}

export interface VisitLedger {
  visitId: string;
  day: string;
  kind: 'booked' | 'walk_in';
  language: string;
  interpreterLanguage: string | null;
  interpreterOnSite: boolean;
  createdAt: number;
  endedAt: number | null;
  status: 'registered' | 'cancelled';
  steps: StepLedger[];
}

/** The personal data the month planted: none of it may survive retention. */
export interface Planted {
  names: string[];
  birthDates: string[];
  bookingRefs: string[];
  notes: string[];
  statusTokens: string[];
}

const CHAIN = ['mv', 'af', 'skv-fk', 'kommun'] as const;
const DESK: Record<string, string> = { mv: 'mv-1', af: 'af-1', 'skv-fk': 'skv-fk-1', kommun: 'kommun-1' };
const LANGUAGES = ['ar', 'fa', 'prs', 'ti', 'so', 'uk', 'en', 'sv'] as const;
const DAY_MS = 86_400_000;

/**
 * Runs `days` office days through the real engine and store: check-ins (booked and walk-in),
 * calls, meetings, handovers, notes, household members, interpreters, no-shows, skipped steps and
 * cancellations, with waits and meetings of random length. Returns its own ledger of what it did.
 */
export async function simulateMonth(
  server: TestServer,
  options: { days: number; visitsPerDay: number; seed: number },
) {
  const r = rng(options.seed);
  const { engine } = server.server;
  const ledger: VisitLedger[] = [];
  const planted: Planted = { names: [], birthDates: [], bookingRefs: [], notes: [], statusTokens: [] };
  let commands = 0;

  async function exec<N extends CommandName>(
    actor: Actor,
    name: N,
    payload: Omit<CommandInput<N>, 'commandId'>,
  ) {
    const schema = CommandSchemas[name] as unknown as { parse(x: unknown): CommandPayload<N> };
    const parsed = schema.parse({ commandId: `sim-${++commands}-command`, ...payload });
    const command = await prepareCommand(name, parsed, engine.state, server.store);
    if (!command.ok) throw new Error(`${name}: ${command.error.code}`);
    const ack = await engine.execute(command.value, parsed.commandId, actor);
    if (!ack.ok) throw new Error(`${name} refused: ${ack.error.code} ${ack.error.message}`);
    return ack.value as Record<string, unknown>;
  }
  const tick = (min: number, max: number) =>
    server.clock.advance(r.int(min, max) * MINUTE + r.int(0, 59) * 1000);

  const start = server.clock.now();
  for (let d = 0; d < options.days; d++) {
    // 08:00 in Stockholm on day d (the clock starts at 09:00 on the first day).
    server.clock.advance(start + d * DAY_MS - 60 * MINUTE - server.clock.now());
    const turned = await engine.startDayIfDue();
    if (!turned.ok) throw new Error('day start failed');
    const day = engine.state.day;
    for (const desk of Object.values(DESK))
      await exec(actors.desk(desk), 'desk:sign_in', { officer: `Officer ${desk}` });
    const interpreter = (
      await exec(actors.admin, 'interpreter:add', { language: 'ar', mode: 'onsite', name: 'Tolk Ett' })
    ).interpreterId as string;
    const refs = Array.from(
      { length: 3 },
      (_, i) => `QX${String(d).padStart(2, '0')}-${i}${r.int(100, 999)}`,
    );
    planted.bookingRefs.push(...refs);
    const csv = [
      'time;reference;language;adults;children',
      ...refs.map((ref, i) => `${9 + i}:00;${ref};ar;1;1`),
    ].join('\n');
    await exec(actors.admin, 'appointments:import', { day, csv, dryRun: false });

    // Households are served one after another; nobody new checks in after 20:00.
    const closing = start + d * DAY_MS + 11 * 60 * MINUTE;
    for (let i = 0; i < options.visitsPerDay && server.clock.now() < closing; i++) {
      tick(1, 4);
      const booked = i < refs.length;
      const language = booked ? 'ar' : r.pick(LANGUAGES);
      const interpreterLanguage = language !== 'sv' && r.chance(0.6) ? language : null;
      const checkedIn = await exec(actors.kiosk, 'visit:check_in', {
        arrival: booked
          ? { kind: 'booked', bookingRef: refs[i]! }
          : { kind: 'walk_in', adults: r.int(1, 2), children: r.int(0, 3) },
        language,
        interpreterLanguage,
        consent: r.chance(0.7),
      });
      const visitId = checkedIn.visitId as string;
      planted.statusTokens.push(checkedIn.statusToken as string);
      const visit: VisitLedger = {
        visitId,
        day,
        kind: booked ? 'booked' : 'walk_in',
        language,
        interpreterLanguage,
        interpreterOnSite: false,
        createdAt: server.clock.now(),
        endedAt: null,
        status: 'cancelled',
        steps: CHAIN.map((stationId, k) => ({
          stationId,
          queuedAt: k === 0 ? server.clock.now() : null,
          calledAt: null,
          startedAt: null,
          endedAt: null,
          status: k === 0 ? 'waiting' : 'pending',
        })),
      };
      ledger.push(visit);
      // Some households are not eligible for Arbetsförmedlingen: reception skips it up front.
      if (r.chance(0.15)) {
        await exec(actors.reception, 'visit:skip_step', { visitId, stationId: 'af', reason: 'not_eligible' });
        visit.steps[1]!.status = 'skipped';
      }
      for (const [k, step] of visit.steps.entries()) {
        if (step.status === 'skipped') continue;
        const desk = actors.desk(DESK[step.stationId]!, `Officer ${DESK[step.stationId]}`);
        tick(1, 10);
        await exec(desk, 'visit:call', { visitId });
        step.calledAt = server.clock.now();
        if (r.chance(0.05)) {
          await exec(desk, 'visit:no_show', { visitId });
          step.status = 'no_show';
          break; // never reinstated: the day's end cancels the visit
        }
        if (r.chance(0.04)) {
          await exec(actors.reception, 'visit:cancel', { visitId, reason: 'visitor_left' });
          step.status = 'waiting';
          visit.endedAt = server.clock.now();
          break;
        }
        tick(0, 2);
        await exec(desk, 'visit:start', { visitId });
        step.startedAt = server.clock.now();
        if (k === 0) {
          const name = `Sentinelname ${day} ${i}`;
          const birthDate = `19${r.int(50, 99)}-0${r.int(1, 9)}-1${r.int(0, 9)}`;
          planted.names.push(name);
          planted.birthDates.push(birthDate);
          await exec(desk, 'visit:set_household', {
            visitId,
            adults: 2,
            children: 3,
            members: [{ name, birthDate, kind: 'adult' }],
          });
          if (interpreterLanguage === 'ar' && engine.state.interpreters[interpreter]?.visitId === null) {
            await exec(desk, 'interpreter:attach', { interpreterId: interpreter, visitId });
            visit.interpreterOnSite = true;
          }
        }
        const note = `Sentinel note ${day} ${i} ${step.stationId}`;
        planted.notes.push(note);
        await exec(desk, 'visit:add_note', { visitId, note: { text: note, visibility: 'agency' } });
        tick(2, 12);
        step.endedAt = server.clock.now();
        step.status = 'done';
        const next = visit.steps.slice(k + 1).find((s) => s.status === 'pending');
        if (next) {
          await exec(desk, 'visit:hand_over', { visitId, to: { kind: 'next' }, outcome: 'done' });
          next.queuedAt = server.clock.now();
          next.status = 'waiting';
        } else {
          await exec(desk, 'visit:complete', { visitId, outcome: 'done' });
          visit.status = 'registered';
          visit.endedAt = server.clock.now();
        }
      }
    }
  }
  // Into the next day: what is still open is cancelled at the turn.
  server.clock.advance(start + options.days * DAY_MS - 60 * MINUTE - server.clock.now());
  await engine.startDayIfDue();
  return { ledger, planted, firstDay: ledger[0]!.day, lastDay: ledger[ledger.length - 1]!.day };
}
