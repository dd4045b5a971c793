/** The time, injected so that tests can run a day in a second. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
