import { useCallback, useEffect, useRef, useState } from 'react';
import type { ErrorCode } from '../../../../shared/errors.js';
import type { Outcome } from './receptionActions.js';

/**
 * One command's life on screen: busy while it runs (its button disabled, so a double tap
 * does not send it twice), then either done (a short confirmation) or refused (its code).
 */
export function useCommand() {
  const [state, setState] = useState<{ busy: boolean; error: ErrorCode | null; done: boolean }>({
    busy: false,
    error: null,
    done: false,
  });
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const run = useCallback(async <T>(action: () => Promise<Outcome<T>>): Promise<Outcome<T>> => {
    setState({ busy: true, error: null, done: false });
    const outcome = await action();
    if (mounted.current) setState({ busy: false, error: outcome.ok ? null : outcome.code, done: outcome.ok });
    return outcome;
  }, []);
  const reset = useCallback(() => setState({ busy: false, error: null, done: false }), []);
  return { ...state, run, reset };
}
