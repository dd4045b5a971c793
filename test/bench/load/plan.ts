import type { PlannedCommand } from './protocol.js';

export interface PlannedDeskCommand extends PlannedCommand {
  /** Calls and handovers are what the latency figures are about; starts and completions only load. */
  readonly timed: boolean;
  readonly visitId: string;
}

/**
 * The desks' work as an open-loop schedule: households go along the chain, each station calling
 * one and handing it over to the next (the last starts and completes it), the stations taking
 * turns. Every command is for a named visit and its desk, so the plan needs no answer from the
 * server to go on; a station calls a household only `gap` commands after the previous station
 * handed it over, so commands from different sockets cannot overtake each other unless the
 * server falls that far behind (which the refusals would then show).
 */
export function deskPlan(input: {
  stations: readonly { stationId: string; desks: readonly string[] }[];
  /** Households waiting at the first station, in queue order. */
  visits: readonly string[];
  count: number;
  rate: number;
  gap: number;
}): { commands: PlannedDeskCommand[]; visitsUsed: number } {
  const { stations, gap } = input;
  const last = stations.length - 1;
  const ready = stations.map(() => [] as { visitId: string; at: number }[]);
  ready[0]!.push(...input.visits.map((visitId) => ({ visitId, at: -Infinity })));
  const current: ({ visitId: string; desk: string; steps: string[] } | null)[] = stations.map(() => null);
  const served = stations.map(() => 0);
  const out: PlannedDeskCommand[] = [];
  const interval = 1000 / input.rate;

  // After `count`, the desks finish the households they hold and take no new ones, so that the
  // next plan starts with every desk free.
  for (let turn = 0; out.length < input.count || current.some((c) => c !== null); turn++) {
    let emitted = false;
    for (let k = 0; k < stations.length && !emitted; k++) {
      const s = (turn + k) % stations.length;
      if (!current[s]) {
        if (out.length >= input.count) continue;
        const next = ready[s]![0];
        if (!next || out.length < next.at + gap) continue;
        ready[s]!.shift();
        const desks = stations[s]!.desks;
        const nth = served[s]!;
        served[s] = nth + 1;
        current[s] = {
          visitId: next.visitId,
          desk: desks[nth % desks.length]!,
          steps:
            s < last ? ['visit:call', 'visit:hand_over'] : ['visit:call', 'visit:start', 'visit:complete'],
        };
      }
      const work = current[s]!;
      const name = work.steps.shift()!;
      const i = out.length;
      out.push({
        i,
        at: i * interval,
        client: work.desk,
        name,
        payload: payloadOf(name, work.visitId),
        timed: name === 'visit:call' || name === 'visit:hand_over',
        visitId: work.visitId,
      });
      if (work.steps.length === 0) {
        current[s] = null;
        if (s < last) ready[s + 1]!.push({ visitId: work.visitId, at: out.length });
      }
      emitted = true;
    }
    if (!emitted) break;
  }
  return { commands: out, visitsUsed: input.visits.length - ready[0]!.length };
}

function payloadOf(name: string, visitId: string): Record<string, unknown> {
  switch (name) {
    case 'visit:hand_over':
      return { visitId, to: { kind: 'next' }, outcome: 'done' };
    case 'visit:complete':
      return { visitId, outcome: 'done' };
    default:
      return { visitId };
  }
}

/**
 * The `gap` for a rate: a tenth of a second of commands at 100/s and more, so that the server
 * must fall that far behind before commands could overtake each other.
 */
export const gapFor = (rate: number) => Math.max(20, rate / 2);

/**
 * Households needed for `count` commands of the plan above, with room to spare: while the first
 * `gap` commands go out only the first station works (two commands a household), then it takes
 * about one command in eight.
 */
export function visitsFor(count: number, gap: number): number {
  return Math.ceil(gap / 2 + count / 6) + 8;
}
