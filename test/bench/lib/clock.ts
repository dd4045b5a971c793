/**
 * Milliseconds on the machine's monotonic clock (CLOCK_MONOTONIC through `process.hrtime`). It is
 * the same clock in every process on the machine, so a send timed in one process and an arrival
 * timed in another can be subtracted directly.
 */
export function monoMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Waits until `done()` holds, checking every `everyMs`; false when `timeoutMs` passed first. */
export async function until(done: () => boolean, timeoutMs: number, everyMs = 10): Promise<boolean> {
  const deadline = monoMs() + timeoutMs;
  while (!done()) {
    if (monoMs() > deadline) return false;
    await sleep(everyMs);
  }
  return true;
}
