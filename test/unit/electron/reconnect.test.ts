import { describe, expect, it } from 'vitest';
import {
  backoffDelay,
  DEFAULT_BACKOFF,
  isServerReady,
  Reconnector,
} from '../../../electron/src/reconnect.js';
import { json, ManualTimers, settle } from './fakes.js';

describe('the pause between attempts', () => {
  const exact = () => 0.5; // no jitter

  it('doubles from 1 s up to 30 s', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 10, 50].map((n) => backoffDelay(n, DEFAULT_BACKOFF, exact))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000, 30_000,
    ]);
  });

  it('spreads by at most 20 % and stays within the bounds', () => {
    expect(backoffDelay(2, DEFAULT_BACKOFF, () => 0)).toBe(3_200);
    expect(backoffDelay(2, DEFAULT_BACKOFF, () => 0.999999)).toBe(4_800);
    expect(backoffDelay(10, DEFAULT_BACKOFF, () => 0.999999)).toBe(30_000);
    expect(backoffDelay(0, DEFAULT_BACKOFF, () => 0)).toBe(800);
    for (let i = 0; i < 200; i++) {
      const delay = backoffDelay(i % 8, DEFAULT_BACKOFF);
      expect(delay).toBeGreaterThanOrEqual(500);
      expect(delay).toBeLessThanOrEqual(30_000);
    }
  });
});

describe('whether the server is ready', () => {
  it('is when /health says ok and the screens are built', async () => {
    expect(await isServerReady(json({ status: 'ok', screens: true }))).toBe(true);
    expect(await isServerReady(json({ status: 'ok' }))).toBe(true);
  });

  it('is not when the screens are missing, storage is down, or the answer is no JSON', async () => {
    expect(await isServerReady(json({ status: 'ok', screens: false }))).toBe(false);
    expect(await isServerReady(json({ status: 'storage_unavailable' }, 503))).toBe(false);
    expect(await isServerReady(new Response('<html>', { status: 200 }))).toBe(false);
  });
});

describe('the reconnector', () => {
  function setup(answers: (boolean | Error)[]) {
    const timers = new ManualTimers();
    let probes = 0;
    let recovered = 0;
    const reconnector = new Reconnector({
      timers,
      backoff: (attempt) => 1000 * (attempt + 1),
      probe: async () => {
        const answer = answers[probes++] ?? false;
        if (answer instanceof Error) throw answer;
        return answer;
      },
      onRecovered: () => recovered++,
    });
    return { timers, reconnector, probes: () => probes, recovered: () => recovered };
  }

  it('probes with growing pauses until the server answers, then hands back once', async () => {
    const { timers, reconnector, probes, recovered } = setup([false, new Error('refused'), false, true]);
    reconnector.start();
    reconnector.start(); // idempotent
    expect([...timers.pending.values()].map((t) => t.ms)).toEqual([1000]);
    await timers.runAll();
    expect([...timers.pending.values()].map((t) => t.ms)).toEqual([2000]);
    await timers.runAll();
    await timers.runAll();
    expect(reconnector.attempts).toBe(3);
    expect(recovered()).toBe(0);
    await timers.runAll();
    expect(probes()).toBe(4);
    expect(recovered()).toBe(1);
    expect(reconnector.running).toBe(false);
    expect(timers.pending.size).toBe(0);
  });

  it('stops when told', async () => {
    const { timers, reconnector, probes, recovered } = setup([true]);
    reconnector.start();
    reconnector.stop();
    expect(timers.pending.size).toBe(0);
    await timers.runAll();
    await settle();
    expect(probes()).toBe(0);
    expect(recovered()).toBe(0);
  });
});
