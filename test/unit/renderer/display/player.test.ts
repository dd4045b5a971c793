import { describe, expect, it } from 'vitest';
import {
  createAnnouncementPlayer,
  type PlayerEffects,
} from '../../../../renderer/src/screens/display/player.js';

/** Effects that record what was played and finish only when the test says so. */
function fakeEffects() {
  const played: string[] = [];
  const waiting: (() => void)[] = [];
  const later = (what: string) => {
    played.push(what);
    return new Promise<void>((resolve) => waiting.push(resolve));
  };
  const effects: PlayerEffects = {
    chime: () => later('chime'),
    speak: (text) => later(`say ${text}`),
    pause: () => later('pause'),
  };
  /** Lets the current effect finish and the player take its next step. */
  const finish = async () => {
    waiting.shift()?.();
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { effects, played, finish, busy: () => waiting.length };
}

const item = (n: number) => ({ key: `k${n}`, text: `t${n}` });

describe('the announcement player', () => {
  it('chimes, then speaks, one announcement after the other', async () => {
    const fake = fakeEffects();
    const player = createAnnouncementPlayer(fake.effects);
    player.enqueue([item(1), item(2)]);
    for (let i = 0; i < 5; i++) await fake.finish();
    expect(fake.played).toEqual(['chime', 'say t1', 'pause', 'chime', 'say t2']);
  });

  it('keeps only the latest few waiting, so a burst cannot build a backlog', async () => {
    const fake = fakeEffects();
    const player = createAnnouncementPlayer(fake.effects, { maxPending: 2 });
    player.enqueue([item(1)]);
    player.enqueue([item(2), item(3), item(4), item(5)]);
    expect(player.pending()).toBe(2);
    for (let i = 0; i < 12; i++) await fake.finish();
    expect(fake.played.filter((p) => p.startsWith('say'))).toEqual(['say t1', 'say t4', 'say t5']);
  });

  it('skips a call that is over by the time its turn comes', async () => {
    const fake = fakeEffects();
    const over = new Set(['k2']);
    const player = createAnnouncementPlayer(fake.effects, { stillWanted: (k) => !over.has(k) });
    player.enqueue([item(1), item(2), item(3)]);
    for (let i = 0; i < 8; i++) await fake.finish();
    expect(fake.played.filter((p) => p.startsWith('say'))).toEqual(['say t1', 'say t3']);
  });

  it('goes on to the next call when the sound or speech engine fails', async () => {
    const said: string[] = [];
    const player = createAnnouncementPlayer({
      chime: () => Promise.reject(new Error('no audio device')),
      speak: (text) =>
        text === 't1' ? Promise.reject(new Error('speech failed')) : (said.push(text), Promise.resolve()),
      pause: () => Promise.resolve(),
    });
    player.enqueue([item(1), item(2)]);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(said).toEqual(['t2']);
  });

  it('plays nothing more once stopped', async () => {
    const fake = fakeEffects();
    const player = createAnnouncementPlayer(fake.effects);
    player.enqueue([item(1), item(2)]);
    player.stop();
    for (let i = 0; i < 4; i++) await fake.finish();
    expect(fake.played).toEqual(['chime']);
    player.enqueue([item(3)]);
    expect(player.pending()).toBe(0);
  });
});
