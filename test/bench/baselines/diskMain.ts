import Database from 'better-sqlite3';
import { closeSync, fdatasyncSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { OfficeEngine } from '../../../server/office/engine.js';
import { createLogger } from '../../../server/log.js';
import { OfficeStore } from '../../../server/store/store.js';
import type { Command } from '../../../shared/commands.js';
import type { Actor } from '../../../shared/events.js';
import { serve } from '../lib/child.js';
import { monoMs } from '../lib/clock.js';
import { benchOffice } from '../office/benchOffice.js';

/**
 * The durable-throughput baselines, in a process of their own like the server: the best this
 * disk allows through better-sqlite3 with the office's pragmas (one single-row insert per
 * transaction, WAL, synchronous=FULL), and the disk's own limit (write 4 KiB, fdatasync).
 */
function insertLoop(m: { dir: string; seconds: number; rowBytes: number }) {
  const file = join(m.dir, 'bare-insert.sqlite');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE events (seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, payload TEXT NOT NULL) STRICT`);
  const insert = db.prepare<[number, number, string]>(`INSERT INTO events VALUES (?, ?, ?)`);
  const payload = 'x'.repeat(m.rowBytes);
  const end = monoMs() + m.seconds * 1000;
  let n = 0;
  while (monoMs() < end) insert.run(++n, Date.now(), payload);
  db.close();
  rmSync(file, { force: true });
  return n / m.seconds;
}

/** Overwrites 4 KiB blocks of a file written beforehand, as the WAL is reused after a checkpoint. */
function fsyncLoop(m: { dir: string; seconds: number }) {
  const file = join(m.dir, 'bare-fsync.bin');
  const fd = openSync(file, 'w');
  const block = Buffer.alloc(4096, 1);
  const blocks = 1024;
  for (let i = 0; i < blocks; i++) writeSync(fd, block);
  fdatasyncSync(fd);
  const end = monoMs() + m.seconds * 1000;
  let n = 0;
  for (; monoMs() < end; n++) {
    writeSync(fd, block, 0, block.length, (n % blocks) * block.length);
    fdatasyncSync(fd);
  }
  closeSync(fd);
  rmSync(file, { force: true });
  return n / m.seconds;
}

/**
 * Between the two: the office's own engine and store on the same disk, called directly (no
 * socket, no validation at the edge, no broadcast), one desk calling and returning a household.
 * What it loses to the bare loop is the store's work; what the server loses to it is the network.
 */
async function engineLoop(m: { dir: string; seconds: number }) {
  const store = OfficeStore.open(join(m.dir, 'engine-only.sqlite'));
  const engine = OfficeEngine.open(store, {
    clock: { now: () => Date.now() },
    log: createLogger('info'),
    seed: benchOffice(),
  });
  let n = 0;
  const run = async (actor: Actor, command: Command) => {
    const ack = await engine.execute(command, `engine-loop-${++n}`, actor);
    if (!ack.ok) throw new Error(`${command.name}: ${ack.error.code}`);
    return ack.value as { visitId?: string };
  };
  const desk: Actor = { deviceId: 'desk', role: 'desk', deskId: 'mv-1', officer: 'Officer' };
  const kiosk: Actor = { deviceId: 'kiosk', role: 'kiosk', deskId: null, officer: null };
  await run(desk, { name: 'desk:sign_in', payload: { commandId: 'sign-in', officer: 'Officer' } });
  const { visitId } = await run(kiosk, {
    name: 'visit:check_in',
    payload: {
      commandId: 'check-in',
      arrival: { kind: 'walk_in', adults: 1, children: 0 },
      language: 'ar',
      interpreterLanguage: null,
      consent: true,
    },
  });
  const end = monoMs() + m.seconds * 1000;
  let commands = 0;
  while (monoMs() < end) {
    await run(desk, { name: 'visit:call', payload: { commandId: 'x', visitId: visitId! } });
    await run(desk, { name: 'visit:return_to_queue', payload: { commandId: 'x', visitId: visitId! } });
    commands += 2;
  }
  store.close();
  return commands / m.seconds;
}

serve({
  engineLoop: (m) => engineLoop(m as unknown as Parameters<typeof engineLoop>[0]),
  insertLoop: (m) => insertLoop(m as unknown as Parameters<typeof insertLoop>[0]),
  fsyncLoop: (m) => fsyncLoop(m as unknown as Parameters<typeof fsyncLoop>[0]),
});
process.send?.({ type: 'ready' });
