import type { OfficeConfig } from '../../../../shared/office.js';
import type { OfficeState } from '../../../../shared/state.js';
import type { Interpreter, Step, Visit } from '../../../../shared/visit.js';

/**
 * What reception may do with a visit, by the same rules `decide` applies to the reception role,
 * so the screen offers only what the server will accept.
 */

export function canChange(visit: Visit): boolean {
  return visit.status === 'active';
}

/** A no-show goes back into its station's queue. */
export function canReinstate(visit: Visit): boolean {
  return (
    visit.status === 'active' && visit.current !== null && visit.steps[visit.current]?.status === 'no_show'
  );
}

/** Steps still to come, and the current one while it only waits (or was missed). */
export function skippableSteps(visit: Visit): Step[] {
  if (visit.status !== 'active') return [];
  return visit.steps.filter(
    (s, i) =>
      s.status === 'pending' || (i === visit.current && (s.status === 'waiting' || s.status === 'no_show')),
  );
}

/** Languages an interpreter may be asked for: the office's interpreter list and its own languages. */
export function interpreterLanguages(config: OfficeConfig): string[] {
  const out: string[] = [];
  for (const l of [...config.interpreterLanguages, ...config.languages])
    if (l !== 'sv' && !out.includes(l)) out.push(l);
  return out;
}

export function attachedInterpreter(state: OfficeState, visit: Visit): Interpreter | undefined {
  return visit.interpreterId === null ? undefined : state.interpreters[visit.interpreterId];
}

/** Free interpreters, those in the language the visit needs first. */
export function freeInterpreters(state: OfficeState, visit: Visit): Interpreter[] {
  const wanted = visit.interpreterLanguage;
  return Object.values(state.interpreters)
    .filter((i) => i.visitId === null)
    .sort(
      (a, b) =>
        Number(b.language === wanted) - Number(a.language === wanted) ||
        a.language.localeCompare(b.language) ||
        a.name.localeCompare(b.name),
    );
}

export interface VisitSettings {
  readonly language: Visit['language'];
  readonly interpreterLanguage: string | null;
  readonly consent: boolean;
}

/** Only what changed, for `visit:update`; null when nothing did. */
export function settingsChange(visit: Visit, wanted: VisitSettings): Partial<VisitSettings> | null {
  const change: { -readonly [K in keyof VisitSettings]?: VisitSettings[K] } = {};
  if (wanted.language !== visit.language) change.language = wanted.language;
  if (wanted.interpreterLanguage !== visit.interpreterLanguage)
    change.interpreterLanguage = wanted.interpreterLanguage;
  if (wanted.consent !== visit.consent) change.consent = wanted.consent;
  return Object.keys(change).length > 0 ? change : null;
}
