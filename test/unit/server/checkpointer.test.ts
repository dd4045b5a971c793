import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../server/log.js';
import { OfficeEngine } from '../../../server/office/engine.js';
import { openDatabase } from '../../../server/store/db.js';
import { OfficeStore } from '../../../server/store/store.js';
import { CommandSchemas } from '../../../shared/commands.js';
import { actors, T0, testConfig } from '../../helpers/domain.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const PAGE = 4096;

let dir: string;
let file: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'motesplats-checkpoint-'));
  file = join(dir, 'office.sqlite');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Check-ins in groups of 50, with pauses between them as a busy office's commands come. (A
 * writer that never pauses grows the WAL to the backstop, where SQLite's own checkpoint, which
 * then has little left to copy, starts it over.)
 */
async function checkIns(store: OfficeStore, groups: number): Promise<number> {
  const engine = OfficeEngine.open(store, {
    clock: { now: () => T0 },
    log: silentLogger,
    seed: testConfig(),
  });
  let n = 0;
  for (let g = 0; g < groups; g++) {
    const acks = Array.from({ length: 50 }, () => {
      const payload = CommandSchemas['visit:check_in'].parse({
        commandId: `check-in-${++n}-xxxx`,
        arrival: { kind: 'walk_in', adults: 1, children: 0 },
        language: 'ar',
        interpreterLanguage: null,
        consent: true,
      });
      return engine.execute({ name: 'visit:check_in', payload }, payload.commandId, actors.kiosk);
    });
    for (const ack of await Promise.all(acks)) expect(ack.ok).toBe(true);
    await sleep(30);
  }
  return n;
}

describe('background WAL checkpoints', () => {
  it('copy the WAL into the database from their own thread, so that the WAL starts over and stays small', async () => {
    const store = OfficeStore.open(file);
    store.checkpointInBackground(silentLogger);
    // SQLite's own checkpoint only as a backstop, far above what this test writes between two.
    expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(8192);
    // 1,000 visits' events and rows: some 4,500 pages of WAL, below the backstop, so that SQLite
    // itself never checkpointed.
    const visits = await checkIns(store, 20);
    await sleep(400);
    // Everything committed is in the database file: the file alone, without its WAL, holds it.
    copyFileSync(file, join(dir, 'alone.sqlite'));
    const alone = new Database(join(dir, 'alone.sqlite'), { readonly: true });
    expect(alone.prepare(`SELECT count(*) FROM visits`).pluck().get()).toBe(visits);
    alone.close();
    // And the WAL was started over on the way: it never held all of it.
    expect(statSync(`${file}-wal`).size).toBeLessThan(2000 * PAGE);
    await store.stopBackgroundCheckpoints();
    store.close();
    // The thread's connection is closed too: the last one to close removed the WAL.
    expect(existsSync(`${file}-wal`)).toBe(false);
    const db = openDatabase(file);
    expect(db.prepare(`SELECT count(*) FROM visits`).pluck().get()).toBe(visits);
    db.close();
  });

  it('are not started for a database in memory, and stopping twice is harmless', async () => {
    const store = OfficeStore.open(':memory:');
    store.checkpointInBackground(silentLogger);
    expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    await store.stopBackgroundCheckpoints();
    await store.stopBackgroundCheckpoints();
    store.close();
  });
});
