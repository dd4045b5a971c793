import type { OfficeState } from '../../../../shared/state.js';

/** Today's interpreters, by language and then name; busy ones name the visit they are with. */
export function interpreterIds(state: OfficeState): string[] {
  return Object.values(state.interpreters)
    .sort((a, b) => a.language.localeCompare(b.language) || a.name.localeCompare(b.name, 'sv'))
    .map((i) => i.id);
}

export interface InterpreterFigures {
  readonly language: string;
  readonly name: string;
  readonly mode: 'onsite' | 'phone';
  /** The ticket of the visit the interpreter is with; null when free. */
  readonly ticket: string | null;
  readonly busy: boolean;
}

export function interpreterFigures(state: OfficeState, id: string): InterpreterFigures | null {
  const interpreter = state.interpreters[id];
  if (!interpreter) return null;
  const visit = interpreter.visitId === null ? undefined : state.visits.get(interpreter.visitId);
  return {
    language: interpreter.language,
    name: interpreter.name,
    mode: interpreter.mode,
    ticket: visit?.ticket ?? null,
    busy: interpreter.visitId !== null,
  };
}

/** Waiting or active visits that asked for an interpreter in a language no one on the list speaks. */
export function uncoveredLanguages(state: OfficeState): string[] {
  const covered = new Set(Object.values(state.interpreters).map((i) => i.language));
  const needed = new Set<string>();
  for (const visit of state.visits.values())
    if (visit.status === 'active' && visit.interpreterLanguage && !covered.has(visit.interpreterLanguage))
      needed.add(visit.interpreterLanguage);
  return [...needed].sort();
}
