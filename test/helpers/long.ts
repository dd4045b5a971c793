/**
 * The fault suite runs in two sizes: the normal one, which the README's test command runs and
 * which must stay quick, and a long one (`npm run test:long`, MOTESPLATS_LONG=1) with hundreds
 * of rounds and the soak.
 */
export const LONG = process.env.MOTESPLATS_LONG === '1';

/** A count for the normal suite, or for the long one. */
export function scaled(normal: number, long: number): number {
  return LONG ? long : normal;
}

/** A seed for a randomised test: MOTESPLATS_SEED to replay one, otherwise a fresh one (printed on failure). */
export function testSeed(): number {
  const given = Number(process.env.MOTESPLATS_SEED);
  return Number.isInteger(given) && given > 0 ? given : (Date.now() ^ (process.pid << 16)) >>> 0;
}
