import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../server/log.js';
import { guarded } from '../../../server/realtime/guard.js';
import { isStorageFault } from '../../../server/store/faults.js';

describe('guarded', () => {
  it('answers a request whose handler threw with INTERNAL, and throws nothing itself', () => {
    const answers: unknown[] = [];
    const handler = guarded(silentLogger, 'test', (_payload: unknown, _ack: unknown) => {
      throw new TypeError('a bug');
    });
    expect(() => handler({}, (a: unknown) => answers.push(a))).not.toThrow();
    expect(answers).toEqual([{ ok: false, error: expect.objectContaining({ code: 'INTERNAL' }) }]);
  });

  it('leaves a handler that did not throw alone, and copes without an ack', () => {
    let ran = 0;
    guarded(silentLogger, 'test', () => ran++)();
    expect(ran).toBe(1);
    expect(() =>
      guarded(silentLogger, 'timer', () => {
        throw new Error('x');
      })(),
    ).not.toThrow();
  });
});

describe('isStorageFault', () => {
  it('is true of a disk that cannot be written, false of a bug or a broken constraint', () => {
    const sqlite = (code: string) => Object.assign(new Error(code), { code });
    for (const code of [
      'SQLITE_FULL',
      'SQLITE_IOERR_WRITE',
      'SQLITE_READONLY',
      'SQLITE_CANTOPEN',
      'SQLITE_BUSY',
    ])
      expect(isStorageFault(sqlite(code)), code).toBe(true);
    for (const error of [
      sqlite('SQLITE_CONSTRAINT_PRIMARYKEY'),
      sqlite('SQLITE_FULLY'),
      new TypeError('x'),
      null,
    ])
      expect(isStorageFault(error)).toBe(false);
  });
});
