import { domainError } from '../../shared/errors.js';
import type { AckResult } from '../../shared/protocol.js';
import { loggableError, type Logger } from '../log.js';

/**
 * socket.io runs listeners, middlewares and the connection handler from `process.nextTick` and
 * promise callbacks: an exception there would end the process, and with it the whole office.
 * Wrapped, a fault costs the one request (answered INTERNAL when it asked for an answer, and
 * logged with its stack, never its payload), and the server goes on for everyone else.
 */
export function guarded<A extends unknown[]>(log: Logger, what: string, fn: (...args: A) => void) {
  return (...args: A): void => {
    try {
      fn(...args);
    } catch (error) {
      logFault(log, what, error);
      const ack = args[args.length - 1];
      // socket.io ignores a second call of an ack that was already answered.
      if (typeof ack === 'function')
        (ack as (r: AckResult<never>) => void)({
          ok: false,
          error: domainError('INTERNAL', 'the request failed'),
        });
    }
  };
}

export function logFault(log: Logger, what: string, error: unknown): void {
  log.error({ what, ...loggableError(error) }, 'unexpected fault');
}
