import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OfficeEngine, type Committed } from '../../../server/office/engine.js';
import { silentLogger } from '../../../server/log.js';
import { OfficeStore } from '../../../server/store/store.js';
import type { Command } from '../../../shared/commands.js';
import type { Actor } from '../../../shared/events.js';
import type { AckResult } from '../../../shared/protocol.js';
import { actors, command, T0, testConfig, walkIn } from '../../helpers/domain.js';

/** A store whose WAL sync the test releases by hand, to see what waits for it. */
class HeldStore {
  readonly store: OfficeStore;
  private releases: (() => void)[] = [];
  syncs = 0;
  constructor(file: string) {
    this.store = OfficeStore.open(file);
    const real = this.store.sync.bind(this.store);
    this.store.sync = async () => {
      this.syncs++;
      await new Promise<void>((resolve) => this.releases.push(resolve));
      await real();
    };
  }
  release(): void {
    const all = this.releases;
    this.releases = [];
    for (const r of all) r();
  }
  get waiting(): number {
    return this.releases.length;
  }
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

let dir: string;
let held: HeldStore;
let engine: OfficeEngine;
let broadcasts: (readonly Committed[])[];
let n = 0;

function send(actor: Actor, c: Command): { acks: AckResult<unknown>[] } {
  const box = { acks: [] as AckResult<unknown>[] };
  engine.submit(c, c.payload.commandId, actor, (ack) => box.acks.push(ack));
  return box;
}

/** Lets every sync through until the engine is idle (the real WAL sync takes a moment). */
async function settle(): Promise<void> {
  for (let i = 0; i < 40; i++) {
    held.release();
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'motesplats-group-'));
  held = new HeldStore(join(dir, 'office.sqlite'));
  engine = OfficeEngine.open(held.store, { clock: { now: () => T0 }, log: silentLogger, seed: testConfig() });
  broadcasts = [];
  engine.onCommit((c) => broadcasts.push(c));
  const signIns = ['mv-1', 'mv-2'].map((desk) =>
    send(actors.desk(desk), command('desk:sign_in', { officer: `O ${desk}` })),
  );
  await settle();
  expect(signIns.map((s) => s.acks[0]?.ok)).toEqual([true, true]);
  broadcasts = [];
});
afterEach(() => {
  held.store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('group commit', () => {
  it('acks nothing before the sync that makes it durable, and nothing shows before then', async () => {
    const a = send(actors.kiosk, walkIn());
    const b = send(actors.kiosk, walkIn());
    await tick();
    await tick();
    expect(held.waiting).toBe(1); // one group, one sync
    expect(a.acks).toEqual([]);
    expect(b.acks).toEqual([]);
    expect(engine.state.visits.size).toBe(0);
    expect(broadcasts).toHaveLength(0);
    // Committed to the file already (a crash keeps it, and nobody was told).
    expect(held.store.head()).toBe(engine.head + 2);

    held.release();
    await settle();
    expect(a.acks.map((x) => x.ok)).toEqual([true]);
    expect(b.acks.map((x) => x.ok)).toEqual([true]);
    expect(engine.state.visits.size).toBe(2);
    // One broadcast for the group, after its acks.
    expect(broadcasts).toHaveLength(1);
    expect(broadcasts[0]!.flatMap((c) => c.envelopes).map((e) => e.event.type)).toEqual([
      'checked_in',
      'checked_in',
    ]);
  });

  it('decides a group in order: of two desks calling the one visit, the second is refused', async () => {
    send(actors.kiosk, walkIn());
    await settle();
    const first = send(actors.desk('mv-1'), command('queue:call_next', {}));
    const second = send(actors.desk('mv-2'), command('queue:call_next', {}));
    await settle();
    expect(first.acks[0]?.ok).toBe(true);
    expect(second.acks[0]).toMatchObject({ ok: false, error: { code: 'QUEUE_EMPTY' } });
  });

  it('commands that arrive during a sync are committed meanwhile, as the next group, and acked after the next sync', async () => {
    const syncs = held.syncs;
    const first = send(actors.kiosk, walkIn());
    await tick();
    await tick();
    expect(held.waiting).toBe(1);
    const later = [send(actors.kiosk, walkIn()), send(actors.kiosk, walkIn()), send(actors.kiosk, walkIn())];
    await tick();
    await tick();
    expect(held.syncs).toBe(syncs + 1); // still the first sync: the others wait for theirs
    expect(held.store.head()).toBe(engine.head + 4); // but are in the file already
    expect(later.map((l) => l.acks)).toEqual([[], [], []]);
    held.release();
    await settle();
    expect(first.acks[0]?.ok).toBe(true);
    expect(later.map((l) => l.acks[0]?.ok)).toEqual([true, true, true]);
    expect(held.syncs).toBe(syncs + 2);
    expect(broadcasts.map((b) => b.length)).toEqual([1, 3]);
  });

  it('a repeated command id in one group gets the first result, and runs once', async () => {
    const c = walkIn();
    const one = send(actors.kiosk, c);
    const two = send(actors.kiosk, c);
    await settle();
    expect(one.acks[0]).toEqual(two.acks[0]);
    expect(engine.state.visits.size).toBe(1);
  });

  it('a command whose write fails is refused alone; the rest of its group is kept', async () => {
    const real = held.store.commit.bind(held.store);
    const failing = walkIn();
    held.store.commit = (batch) => {
      if (batch.commandId === failing.payload.commandId) throw new Error('a broken constraint');
      real(batch);
    };
    const before = send(actors.kiosk, walkIn());
    const broken = send(actors.kiosk, failing);
    const after = send(actors.kiosk, walkIn());
    await settle();
    expect(before.acks[0]?.ok).toBe(true);
    expect(broken.acks[0]).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(after.acks[0]?.ok).toBe(true);
    // The failed one left nothing: two visits, and the log's sequence has no hole.
    expect(engine.state.visits.size).toBe(2);
    const seqs = held.store.eventsSince(0, 100).map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect(held.store.loadState(testConfig())).toEqual(engine.state);
  });

  it('a disk fault refuses the whole group and changes nothing', async () => {
    const real = held.store.commit.bind(held.store);
    let fail = true;
    held.store.commit = (batch) => {
      if (fail) throw Object.assign(new Error('disk full'), { code: 'SQLITE_FULL' });
      real(batch);
    };
    const head = engine.head;
    const a = send(actors.kiosk, walkIn());
    const b = send(actors.kiosk, walkIn());
    await settle();
    expect(a.acks[0]).toMatchObject({ ok: false, error: { code: 'STORAGE_UNAVAILABLE' } });
    expect(b.acks[0]).toMatchObject({ ok: false, error: { code: 'STORAGE_UNAVAILABLE' } });
    expect(engine.head).toBe(head);
    expect(held.store.head()).toBe(head);
    expect(engine.healthy).toBe(false);
    fail = false;
    const c = send(actors.kiosk, walkIn());
    await settle();
    expect(c.acks[0]?.ok).toBe(true);
    expect(engine.healthy).toBe(true);
  });

  it('a command whose decision throws is refused alone; the rest of its group is kept', async () => {
    const a = send(actors.kiosk, walkIn());
    // Past the edge's validation, as a bug in a decision would be.
    const broken = { acks: [] as AckResult<unknown>[] };
    const bug = { name: 'visit:call', payload: null } as unknown as Command;
    engine.submit(bug, `broken-${++n}-xxxx`, actors.desk('mv-1'), (ack) => broken.acks.push(ack));
    const c = send(actors.kiosk, walkIn());
    await settle();
    expect(a.acks[0]?.ok).toBe(true);
    expect(broken.acks[0]).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(c.acks[0]?.ok).toBe(true);
    expect(held.store.loadState(testConfig())).toEqual(engine.state);
  });

  it('an ack or a broadcast that throws costs only itself: the others are answered, the engine goes on', async () => {
    const unlisten = engine.onCommit(() => {
      throw new Error('a view that cannot be built');
    });
    const lost = { acks: [] as AckResult<unknown>[] };
    engine.submit(walkIn(), `throwing-ack-${++n}`, actors.kiosk, (ack) => {
      lost.acks.push(ack);
      throw new Error('the socket is gone');
    });
    const b = send(actors.kiosk, walkIn());
    await settle();
    expect(lost.acks[0]?.ok).toBe(true);
    expect(b.acks[0]?.ok).toBe(true);
    expect(broadcasts).toHaveLength(1); // the other listener still heard of the group
    unlisten();
    const c = send(actors.kiosk, walkIn());
    await settle();
    expect(c.acks[0]?.ok).toBe(true);
    expect(engine.state.visits.size).toBe(3);
  });
});
