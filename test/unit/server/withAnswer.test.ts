import { describe, expect, it } from 'vitest';
import { withAnswer } from '../../../server/store/seam.js';

describe('withAnswer', () => {
  it('goes on in the same turn with an answer that is there, and later with a promise', async () => {
    const seen: string[] = [];
    withAnswer(
      'now',
      (v) => seen.push(v),
      () => seen.push('failed'),
    );
    expect(seen).toEqual(['now']);
    withAnswer(
      Promise.resolve('later'),
      (v) => seen.push(v),
      () => seen.push('failed'),
    );
    expect(seen).toEqual(['now']);
    await Promise.resolve();
    await Promise.resolve();
    expect(seen).toEqual(['now', 'later']);
  });

  it('hands a rejection, and a throw of what goes on with the answer, to `failed`, never to the process', async () => {
    const failures: unknown[] = [];
    withAnswer(
      Promise.reject(new Error('store')),
      () => undefined,
      (e) => failures.push(e),
    );
    withAnswer(
      Promise.resolve(1),
      () => {
        throw new Error('next');
      },
      (e) => failures.push(e),
    );
    await new Promise((r) => setTimeout(r, 0));
    expect(failures.map((e) => (e as Error).message).sort()).toEqual(['next', 'store']);
  });
});
