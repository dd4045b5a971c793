import { useEffect, useState } from 'react';
import { serverNow } from '../stores/session.js';

/** The office server's time, re-read every `everyMs`: for waits and clocks on screen. */
export function useNow(everyMs = 15_000): number {
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    const timer = setInterval(() => setNow(serverNow()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
