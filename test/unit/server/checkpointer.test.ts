import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../server/log.js';
import { openDatabase } from '../../../server/store/db.js';
import { OfficeStore } from '../../../server/store/store.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const PAGE = 4096;

let dir: string;
let file: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'motesplats-checkpoint-'));
  file = join(dir, 'office.sqlite');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Commits in small groups, as a busy office does, with pauses in which the checkpoints run. */
async function writeGroups(store: OfficeStore, groups: number): Promise<void> {
  for (let i = 0; i < groups; i++) {
    store.group(() => store.probe(i));
    if (i % 100 === 99) await sleep(40);
  }
}

describe('background WAL checkpoints', () => {
  it('copy the WAL into the database from their own thread, so that the WAL starts over and stays small', async () => {
    const store = OfficeStore.open(file);
    store.checkpointInBackground(silentLogger);
    // SQLite's own checkpoint only as a backstop, far above what this test writes between two.
    expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(8192);
    await writeGroups(store, 4000);
    // Each group writes at least a page: 4,000 of them, 16 MB of WAL had nothing copied it back.
    expect(statSync(`${file}-wal`).size).toBeLessThan(1500 * PAGE);
    await sleep(400);
    // Everything committed is in the database file: a checkpoint now has nothing left to copy.
    const [left] = store.db.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[];
    expect(left!.checkpointed).toBe(left!.log);
    await store.stopBackgroundCheckpoints();
    store.close();
    // The thread's connection is closed too: the last one to close removed the WAL.
    expect(existsSync(`${file}-wal`)).toBe(false);
    const db = openDatabase(file);
    expect(db.prepare(`SELECT value FROM meta WHERE key = 'storage_probe'`).pluck().get()).toBe('3999');
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
