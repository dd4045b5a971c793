import { useEffect, useRef, useState } from 'react';
import { idleCountdown } from './kioskFormat.js';

// click too: a screen reader activates buttons with a click and no pointer events.
const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'click'] as const;

/**
 * Starts over after a while without a touch. `key` restarts the wait (a new step); `timeout`
 * null switches it off. Returns the seconds left while the countdown should be visible.
 */
export function useIdle(
  timeout: { totalMs: number; warnMs: number } | null,
  key: unknown,
  onExpire: () => void,
): number | null {
  const [secondsLeft, setSecondsLeft] = useState<number | null>(null);
  const expire = useRef(onExpire);
  useEffect(() => {
    expire.current = onExpire;
  }, [onExpire]);

  const totalMs = timeout?.totalMs;
  const warnMs = timeout?.warnMs;
  useEffect(() => {
    if (totalMs === undefined || warnMs === undefined) return;
    let last = Date.now();
    const touched = () => {
      last = Date.now();
      setSecondsLeft(null);
    };
    const tick = () => {
      const { expired, secondsLeft: left } = idleCountdown(Date.now(), last, totalMs, warnMs);
      if (expired) {
        setSecondsLeft(null);
        expire.current();
      } else setSecondsLeft(left);
    };
    for (const type of ACTIVITY) document.addEventListener(type, touched, { capture: true, passive: true });
    const timer = setInterval(tick, 250);
    return () => {
      clearInterval(timer);
      for (const type of ACTIVITY) document.removeEventListener(type, touched, { capture: true });
    };
  }, [totalMs, warnMs, key]);

  return timeout ? secondsLeft : null;
}
