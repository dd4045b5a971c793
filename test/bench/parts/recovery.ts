import Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { clientMix } from '../config.js';
import { at, TODAY } from '../history/calendar.js';
import { copyHistory, ensureHistory } from '../history/cache.js';
import { monoMs, sleep } from '../lib/clock.js';
import { deskPlan, gapFor, visitsFor } from '../load/plan.js';
import { benchOffice, desksByStation } from '../office/benchOffice.js';
import { deskClient, officeClients } from '../office/officeRun.js';
import { OfficeServerProcess } from '../office/server.js';
import type { ServerArgs } from '../office/serverMain.js';
import { checkIn, devicesOf, pairDevices, signIn } from '../office/setup.js';
import { figure, type PartResult } from '../report.js';
import { freshDir, type RunContext } from './context.js';

const MB = 2 ** 20;
const sizeOf = (file: string) => (existsSync(file) ? statSync(file).size : 0);

/** Acked commands that the database does not hold after the restart (there must be none). */
function lostCommands(dataFile: string, acked: readonly { commandId: string; seq: number }[]): number {
  const db = new Database(dataFile, { readonly: true });
  try {
    const find = db.prepare<[string], { last_seq: number }>(
      `SELECT last_seq FROM commands WHERE command_id = ?`,
    );
    const event = db.prepare<[number], string>(`SELECT command_id FROM events WHERE seq = ?`).pluck();
    return acked.filter((a) => {
      const row = find.get(a.commandId);
      return !row || row.last_seq !== a.seq || event.get(a.seq) !== a.commandId;
    }).length;
  } finally {
    db.close();
  }
}

/**
 * Part 3: recovery. A year of history whose last days a crashed writer left in a large WAL; the
 * server starts on it, takes load from desks while every screen and status page is connected,
 * is killed with SIGKILL, and starts again at once: how long until it listens, until every
 * client has caught up with the log's head, and until the next command is acked; and whether
 * any acked command was lost.
 */
export async function recoveryPart(ctx: RunContext): Promise<PartResult> {
  const { recovery } = ctx.sizes;
  const history = await ensureHistory(ctx.sizes.history, ctx.log);
  const dir = freshDir('recovery');
  const dataFile = copyHistory(history, dir);
  const walAtStart = sizeOf(`${dataFile}-wal`);
  // The server's clock: the Monday after the history, from now on.
  const anchor = { virtualAt: at(TODAY, '10:00'), realAt: Date.now(), speed: 1 };
  const virtualNow = () => anchor.virtualAt + (Date.now() - anchor.realAt);
  const args: ServerArgs = { dataFile, port: 0, seed: benchOffice(), logLevel: 'info', clock: anchor };

  const first = await OfficeServerProcess.start(args);
  ctx.log(
    `  first start on ${(walAtStart / MB).toFixed(0)} MB of WAL: listening after ${first.startMs.toFixed(0)} ms`,
  );
  let second: OfficeServerProcess | undefined;
  let restart: ReturnType<typeof OfficeServerProcess.launch> | undefined;
  try {
    const config = benchOffice();
    const mix = clientMix(recovery.clients);
    const devices = await pairDevices(first.url, dataFile, devicesOf(mix, config), virtualNow());
    await signIn(
      first.url,
      devices.filter((d) => d.role === 'desk'),
    );
    const count = Math.round(recovery.rate * recovery.loadSeconds);
    const visitors = await checkIn(
      first.url,
      devices.find((d) => d.role === 'kiosk')!.token,
      visitsFor(count, gapFor(recovery.rate)) + 2,
    );
    const { drivers, listeners } = officeClients(devices, visitors, mix.statusPages);
    await ctx.pool.connect('office', first.url, drivers, listeners);
    const present = new Set(drivers.map((d) => d.id));
    const plan = deskPlan({
      stations: desksByStation(config).map((s) => ({
        stationId: s.stationId,
        desks: s.desks.map(deskClient).filter((id) => present.has(id)),
      })),
      visits: visitors.slice(2).map((v) => v.visitId),
      count: count * 2,
      rate: recovery.rate,
      gap: gapFor(recovery.rate),
    });

    // Under load, killed mid-stream: the generator stops sending at the moment of the kill.
    const start = monoMs() + 200;
    const killAt = start + recovery.loadSeconds * 1000;
    const running = ctx.pool.run(start, plan.commands, { stopAt: killAt, ackTimeoutMs: 10_000 });
    await sleep(killAt - monoMs());
    await first.kill();
    const killedAt = monoMs();
    const walAtKill = sizeOf(`${dataFile}-wal`);

    restart = OfficeServerProcess.launch({ ...args, port: first.port });
    const restartedAt = restart.child.forkedAt;
    // The next command, from a kiosk, as soon as there is a server to take it (as the renderer retries).
    const kiosk = drivers.find((d) => d.role === 'kiosk')!.id;
    const next = ctx.pool.send(kiosk, 'visit:check_in', {
      arrival: { kind: 'walk_in', adults: 1, children: 0 },
      language: 'ar',
      interpreterLanguage: 'ar',
      consent: true,
    });
    second = await restart.ready;
    const head = second.head;
    const synced = await ctx.pool.synced(killedAt, head, 30_000);
    const nextAck = await next;
    const outcomes = await running;
    const acked = outcomes
      .filter((o) => o.ok && o.seq !== null)
      .map((o) => ({ commandId: o.commandId, seq: o.seq! }));
    const traffic = await ctx.pool.traffic();
    const lost = lostCommands(dataFile, acked);
    const listenMs = second.startMs;
    const resyncedMs = synced.last === null ? null : synced.last - restartedAt;
    const nextAckMs = nextAck.ok ? nextAck.ackAt - restartedAt : null;
    ctx.log(
      `  restart: listening ${listenMs.toFixed(0)} ms, all ${recovery.clients} clients at the head ${resyncedMs?.toFixed(0)} ms, next ack ${nextAckMs?.toFixed(0)} ms; ${lost} of ${acked.length} acked lost`,
    );
    if (!synced.done) throw new Error(`${synced.pending} clients never caught up after the restart`);
    return {
      figures: [
        figure(
          'recovery.firstStart.listen',
          `start on a year + ${(walAtStart / MB).toFixed(0)} MB crash-left WAL: until listening`,
          first.startMs,
          'ms',
        ),
        figure('recovery.restart.listen', 'SIGKILL under load, restart: until listening', listenMs, 'ms'),
        figure(
          'recovery.restart.resynced',
          `restart: until all ${recovery.clients} clients are at the head`,
          resyncedMs,
          'ms',
        ),
        figure(
          'recovery.restart.resyncedAfterListen',
          'restart: from listening until all clients are at the head (their reconnect backoff)',
          resyncedMs === null ? null : resyncedMs - listenMs,
          'ms',
        ),
        figure(
          'recovery.restart.resyncAfterReconnect',
          'restart: longest a reconnected client waited for the head (the server’s share)',
          synced.afterConnect,
          'ms',
        ),
        figure('recovery.restart.nextAck', 'restart: until the next command is acked', nextAckMs, 'ms'),
        figure('recovery.lost', `acked commands lost (of ${acked.length} acked)`, lost, 'commands'),
      ],
      details: {
        history: history.info,
        walAtFirstStartBytes: walAtStart,
        walAtKillBytes: walAtKill,
        databaseBytes: sizeOf(dataFile),
        headAfterRestart: head,
        acked: acked.length,
        sent: outcomes.length,
        gapsSeenByScreens: traffic.gaps,
        killedToRestartMs: restartedAt - killedAt,
        firstStartPhases: first.phases,
        restartPhases: second.phases,
      },
    };
  } finally {
    await ctx.pool.disconnect();
    await first.kill();
    await second?.stop();
    await restart?.child.kill('SIGKILL');
  }
}
