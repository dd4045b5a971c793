import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Structured logs. They carry ids, codes, counts and timings, never a payload: no name, birth
 * date, booking reference, note text, token or PIN is ever logged. The redact list is a second
 * line of defence for fields that should never have been passed in the first place.
 */
export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino(
    {
      level,
      base: { service: 'motesplats' },
      redact: {
        paths: ['token', 'statusToken', 'pin', 'text', 'members', 'bookingRef', 'csv', '*.token', '*.pin'],
        censor: '[redacted]',
      },
    },
    // Buffered: a line per command must not cost a write to stdout each on a busy day. The
    // buffer is written out at exit; `log.flush()` before an exit on a fatal fault.
    pino.destination({ dest: 1, sync: false, minLength: 4096 }),
  );
}

export const silentLogger: Logger = pino({ level: 'silent' });

/**
 * What the log may say about an unexpected error: its name and where it was thrown. The message
 * is left out, since it can quote whatever the failing code was handling (a name, a note).
 */
export function loggableError(error: unknown): { err: string; stack?: string } {
  if (!(error instanceof Error)) return { err: typeof error };
  const frames = (error.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .join('\n');
  return frames ? { err: error.name, stack: frames } : { err: error.name };
}
