import { expect } from 'vitest';
import type { AckResult } from '../../shared/protocol.js';

/** The rows of one query of an office's database, on either store (one office per database). */
export type RowSource = <R>(sql: string) => Promise<R[]>;

/** A command the server acked as done, as the screen that sent it saw it. */
export interface Acked {
  readonly name: string;
  readonly payload: { commandId: string } & Record<string, unknown>;
  readonly ack: AckResult<unknown>;
}

/**
 * In the office database: every acked command is recorded once, with exactly the events of its
 * sequence numbers; the tickets of the day run 1..n without a gap or a repeat; and each acked
 * check-in's ticket belongs to its visit.
 */
export async function expectEveryAckedOnce(
  rows: RowSource,
  acked: readonly Acked[],
  context: string,
): Promise<void> {
  const commands = new Map(
    (
      await rows<{ command_id: string; first_seq: number; last_seq: number }>(
        `SELECT command_id, first_seq, last_seq FROM commands`,
      )
    ).map((c) => [c.command_id, c]),
  );
  const eventsOf = new Map(
    (
      await rows<{ command_id: string; n: number; lo: number; hi: number }>(
        `SELECT command_id, count(*) AS n, min(seq) AS lo, max(seq) AS hi FROM events GROUP BY command_id`,
      )
    ).map((e) => [e.command_id, e]),
  );
  for (const { name, payload, ack } of acked) {
    const command = commands.get(payload.commandId);
    expect(command, `${context}: ${name} acked but not stored`).toBeDefined();
    expect(eventsOf.get(payload.commandId), `${context}: ${name}'s events`).toEqual({
      command_id: payload.commandId,
      n: command!.last_seq - command!.first_seq + 1,
      lo: command!.first_seq,
      hi: command!.last_seq,
    });
    if (ack.ok) expect(ack.seq, `${context}: ${name}'s acked seq`).toBe(command!.last_seq);
  }
  const visits = await rows<{ id: string; day: string; ticket: string }>(
    `SELECT id, day, ticket FROM visits`,
  );
  for (const series of new Set(visits.map((v) => `${v.day} ${v.ticket[0]}`))) {
    const numbers = visits
      .filter((v) => `${v.day} ${v.ticket[0]}` === series)
      .map((v) => Number(v.ticket.slice(1)))
      .sort((a, b) => a - b);
    expect(numbers, `${context}: tickets ${series}`).toEqual(numbers.map((_, i) => i + 1));
  }
  const ticketOf = new Map(visits.map((v) => [v.id, v.ticket]));
  for (const { name, ack } of acked)
    if (name === 'visit:check_in' && ack.ok) {
      const { visitId, ticket } = ack.value as { visitId: string; ticket: string };
      expect(ticketOf.get(visitId), `${context}: the ticket acked`).toBe(ticket);
    }
}
