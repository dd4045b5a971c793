import type { StationRule } from './office.js';
import type { Member } from './visit.js';

/** Whole years from a birth date (`YYYY-MM-DD`) to a day (`YYYY-MM-DD`). */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/**
 * Whether a station's step applies to a household, by its rule on the adults' ages: true or
 * false, or 'unknown' while no adult's birth date is known. A station without a rule applies.
 */
export function ruleApplies(
  rule: StationRule | null,
  members: readonly Member[],
  day: string,
): boolean | 'unknown' {
  if (rule === null) return true;
  const adults = members.filter((m) => m.kind === 'adult' && m.birthDate !== null);
  if (adults.length === 0) return 'unknown';
  return adults.some((m) => {
    const age = ageOn(m.birthDate!, day);
    const inRange =
      (rule.minAge === null || age >= rule.minAge) && (rule.maxAge === null || age <= rule.maxAge);
    const youngAlone =
      rule.withoutParentsFromAge !== null &&
      rule.minAge !== null &&
      age >= rule.withoutParentsFromAge &&
      age < rule.minAge &&
      m.parentsInSweden === false;
    return inRange || youngAlone;
  });
}

/** Whether the chain should pass a station by: its rule says no, or it cannot tell and says skip. */
export function ruleSkips(rule: StationRule | null, members: readonly Member[], day: string): boolean {
  const applies = ruleApplies(rule, members, day);
  return applies === false || (applies === 'unknown' && rule?.whenUnknown === 'skip');
}
