import type { CommandInput } from '../../../../shared/commands.js';
import type { StationRule } from '../../../../shared/office.js';
import { ageOn } from '../../../../shared/rules.js';
import type { Member } from '../../../../shared/visit.js';

/**
 * The household editor's draft and its checks, as the server will judge it: counts within
 * 1–20 adults and 0–20 children, no more named members of a kind than the household has,
 * names given, birth dates real days not after today.
 */

export interface MemberDraft {
  /** A local key for the list; never sent. */
  readonly key: string;
  readonly name: string;
  /** `YYYY-MM-DD`, or '' when unknown. */
  readonly birthDate: string;
  readonly kind: Member['kind'];
  /** For an adult of 18–19: whether a parent lives in Sweden; null when not asked or unknown. */
  readonly parentsInSweden: boolean | null;
}

export interface HouseholdDraft {
  readonly adults: number;
  readonly children: number;
  readonly members: readonly MemberDraft[];
}

export type HouseholdProblem =
  | { readonly key: 'household.error.adults' }
  | { readonly key: 'household.error.children' }
  | { readonly key: 'household.error.tooManyAdults'; readonly count: number }
  | { readonly key: 'household.error.tooManyChildren'; readonly count: number }
  | { readonly key: 'household.error.name'; readonly index: number }
  | { readonly key: 'household.error.birthDate'; readonly index: number };

let keys = 0;
export const memberKey = (): string => `m${++keys}`;

export function householdDraft(
  counts: { readonly adults: number; readonly children: number },
  members: readonly Member[],
): HouseholdDraft {
  return {
    adults: counts.adults,
    children: counts.children,
    members: members.map((m) => ({
      key: memberKey(),
      name: m.name,
      birthDate: m.birthDate ?? '',
      kind: m.kind,
      parentsInSweden: m.parentsInSweden ?? null,
    })),
  };
}

export function blankMember(kind: Member['kind']): MemberDraft {
  return { key: memberKey(), name: '', birthDate: '', kind, parentsInSweden: null };
}

/** A real calendar day in `YYYY-MM-DD`, not after `today` (same format). */
export function validBirthDate(value: string, today: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  const real = date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
  return real && y >= 1900 && value <= today;
}

/**
 * Whether to ask about parents in Sweden: for an adult young enough that a station's rule
 * counts them only without parents here (Arbetsförmedlingen: 18–19).
 */
export function asksParents(
  member: MemberDraft,
  today: string,
  rules: readonly (StationRule | null)[],
): boolean {
  if (member.kind !== 'adult' || !validBirthDate(member.birthDate, today)) return false;
  const age = ageOn(member.birthDate, today);
  return rules.some(
    (r) =>
      r !== null &&
      r.withoutParentsFromAge !== null &&
      r.minAge !== null &&
      age >= r.withoutParentsFromAge &&
      age < r.minAge,
  );
}

export function householdProblems(draft: HouseholdDraft, today: string): HouseholdProblem[] {
  const problems: HouseholdProblem[] = [];
  const whole = (n: number, min: number) => Number.isInteger(n) && n >= min && n <= 20;
  if (!whole(draft.adults, 1)) problems.push({ key: 'household.error.adults' });
  if (!whole(draft.children, 0)) problems.push({ key: 'household.error.children' });
  const named = (kind: Member['kind']) => draft.members.filter((m) => m.kind === kind).length;
  if (whole(draft.adults, 1) && named('adult') > draft.adults)
    problems.push({ key: 'household.error.tooManyAdults', count: draft.adults });
  if (whole(draft.children, 0) && named('child') > draft.children)
    problems.push({ key: 'household.error.tooManyChildren', count: draft.children });
  draft.members.forEach((m, index) => {
    if (m.name.trim().length === 0 || m.name.trim().length > 120)
      problems.push({ key: 'household.error.name', index });
    if (m.birthDate !== '' && !validBirthDate(m.birthDate, today))
      problems.push({ key: 'household.error.birthDate', index });
  });
  return problems;
}

/** The `visit:set_household` payload for a draft without problems. */
export function householdPayload(
  visitId: string,
  draft: HouseholdDraft,
  today: string,
  rules: readonly (StationRule | null)[],
): Omit<CommandInput<'visit:set_household'>, 'commandId'> {
  return {
    visitId,
    adults: draft.adults,
    children: draft.children,
    members: draft.members.map((m) => ({
      name: m.name.trim(),
      birthDate: m.birthDate === '' ? null : m.birthDate,
      kind: m.kind,
      parentsInSweden: asksParents(m, today, rules) ? m.parentsInSweden : null,
    })),
  };
}
