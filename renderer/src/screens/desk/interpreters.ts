import type { Interpreter, Visit } from '../../../../shared/visit.js';
import type { Availability } from './actionRules.js';

/**
 * The on-site interpreters a desk can bring to a visit: those in the language asked for
 * (else the visit's language), the one with this visit first, then the free ones.
 */
export interface InterpreterRow {
  readonly id: string;
  readonly name: string;
  /** here: with this visit; free; busy: with another visit. */
  readonly state: 'here' | 'free' | 'busy';
  readonly attach: Availability;
}

export function interpreterRows(
  interpreters: Readonly<Record<string, Interpreter>>,
  visit: Visit,
): { language: string; rows: InterpreterRow[] } {
  const language = visit.interpreterLanguage ?? visit.language;
  const rank = { here: 0, free: 1, busy: 2 } as const;
  const rows = Object.values(interpreters)
    .filter((i) => (i.mode === 'onsite' && i.language === language) || i.visitId === visit.id)
    .map((i): InterpreterRow => {
      const state = i.visitId === visit.id ? 'here' : i.visitId === null ? 'free' : 'busy';
      const attach: Availability =
        state === 'busy'
          ? { enabled: false, reason: { key: 'reason.interpreterBusy' } }
          : visit.interpreterId !== null && state !== 'here'
            ? { enabled: false, reason: { key: 'reason.visitHasInterpreter' } }
            : { enabled: true };
      return { id: i.id, name: i.name, state, attach };
    })
    .sort((a, b) => rank[a.state] - rank[b.state] || a.name.localeCompare(b.name));
  return { language, rows };
}
