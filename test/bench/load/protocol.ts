/**
 * What the orchestrator and the load-generator processes say to each other. Times are on the
 * monotonic clock (lib/clock.ts), which every process on the machine shares.
 */

/** The office server, or one of the two bare baselines it is compared with. */
export type System = 'office' | 'io' | 'ws';

export type ClientRole = 'desk' | 'display' | 'kiosk' | 'reception' | 'admin' | 'status' | 'observer';

/** Roles whose screens must receive every change (the display only those it shows). */
export const SCREEN_ROLES: ReadonlySet<ClientRole> = new Set([
  'desk',
  'display',
  'kiosk',
  'reception',
  'admin',
]);

export interface ClientSpec {
  readonly id: string;
  readonly role: ClientRole;
  /** A paired device's token (office). */
  readonly token?: string;
  /** A visitor's status page (office): its ticket's token and visit. */
  readonly statusToken?: string;
  readonly visitId?: string;
}

export interface PlannedCommand {
  readonly i: number;
  /** Milliseconds after the run's start at which the command is due (open loop). */
  readonly at: number;
  readonly client: string;
  readonly name: string;
  /** Without the command id, which is made when it is sent. */
  readonly payload: Record<string, unknown>;
  /** A check-in whose visit later commands refer to by this number. */
  readonly ref?: number;
  /** Takes `visitId` from the check-in with this `ref` (known only once it was acked). */
  readonly visitRef?: number;
}

export interface CommandOutcome {
  readonly i: number;
  readonly commandId: string;
  readonly sentAt: number;
  readonly ackAt: number | null;
  readonly ok: boolean;
  /** The log's head after the command (office), or the broadcast's number (baselines). */
  readonly seq: number | null;
  readonly code?: string;
}

/** A command whose arrival at the screens is measured: by the sequence number it produced. */
export interface Target {
  readonly i: number;
  readonly seq: number;
  /** The visit it concerns: that visit's status pages must get it too. */
  readonly visitId?: string;
  /**
   * Only the clients whose id starts with this are its screens: with several offices connected
   * at once (the region), each office's log has its own sequence numbers.
   */
  readonly scope?: string;
}

export interface Reached {
  readonly i: number;
  /** When the last target client got it; null when none did. */
  readonly last: number | null;
  readonly reached: number;
  readonly expected: number;
}

export interface LoopSpec {
  readonly client: string;
  /** Sent in turn, each once the previous one was acked. */
  readonly cycle: readonly { readonly name: string; readonly payload: Record<string, unknown> }[];
}

export interface LoopResult {
  readonly ok: number;
  readonly refused: Record<string, number>;
  /** Acked commands after the warm-up, and how long that part lasted. */
  readonly measuredOk: number;
  readonly measuredMs: number;
  /** Send to ack, after the warm-up. */
  readonly latencies: number[];
}

export interface SyncResult {
  readonly done: boolean;
  /** When the last client got the head, after `after`. */
  readonly last: number | null;
  /**
   * The longest a client waited for the head once it was connected again: the server's share of
   * the resync, without the client's reconnection backoff.
   */
  readonly afterConnect: number | null;
  readonly pending: number;
}
