import { describe, expect, it } from 'vitest';
import {
  asksParents,
  blankMember,
  householdDraft,
  householdPayload,
  householdProblems,
  validBirthDate,
  type HouseholdDraft,
} from '../../../../renderer/src/screens/desk/household.js';
import { MemberSchema } from '../../../../shared/visit.js';
import { actors, DomainDriver, serveNext, testConfig } from '../../../helpers/domain.js';

const TODAY = '2026-11-23';
const RULES = testConfig().stations.map((s) => s.rule);
const member = (name: string, birthDate: string, kind: 'adult' | 'child' = 'adult') => ({
  ...blankMember(kind),
  name,
  birthDate,
});

describe('validBirthDate', () => {
  it('takes real days up to today', () => {
    expect(validBirthDate('1990-02-28', TODAY)).toBe(true);
    expect(validBirthDate('2024-02-29', TODAY)).toBe(true);
    expect(validBirthDate('2023-02-29', TODAY)).toBe(false);
    expect(validBirthDate('1990-13-01', TODAY)).toBe(false);
    expect(validBirthDate('2026-11-24', TODAY)).toBe(false);
    expect(validBirthDate('1899-12-31', TODAY)).toBe(false);
    expect(validBirthDate('23/11/1990', TODAY)).toBe(false);
  });
});

describe('householdProblems', () => {
  it('accepts a household within the counts', () => {
    const draft: HouseholdDraft = {
      adults: 2,
      children: 1,
      members: [member('Amal', '1985-04-01'), member('Sami', '2019-09-09', 'child')],
    };
    expect(householdProblems(draft, TODAY)).toEqual([]);
  });

  it('names each problem the server would refuse', () => {
    const draft: HouseholdDraft = {
      adults: 1,
      children: 0,
      members: [member('', '1985-04-01'), member('B', '2030-01-01'), member('C', '', 'child')],
    };
    expect(householdProblems(draft, TODAY)).toEqual([
      { key: 'household.error.tooManyAdults', count: 1 },
      { key: 'household.error.tooManyChildren', count: 0 },
      { key: 'household.error.name', index: 0 },
      { key: 'household.error.birthDate', index: 1 },
    ]);
    expect(householdProblems({ adults: 0, children: 21, members: [] }, TODAY)).toEqual([
      { key: 'household.error.adults' },
      { key: 'household.error.children' },
    ]);
  });
});

describe('asksParents', () => {
  it("asks only for adults whom a station's rule counts only without parents in Sweden (18–19)", () => {
    expect(asksParents(member('A', '2007-06-01'), TODAY, RULES)).toBe(true); // 19
    expect(asksParents(member('A', '2008-11-23'), TODAY, RULES)).toBe(true); // 18 today
    expect(asksParents(member('A', '2006-11-23'), TODAY, RULES)).toBe(false); // 20 today
    expect(asksParents(member('A', '2007-06-01', 'child'), TODAY, RULES)).toBe(false);
    expect(asksParents(member('A', ''), TODAY, RULES)).toBe(false);
    expect(asksParents(member('A', '2007-06-01'), TODAY, [null])).toBe(false);
  });
});

describe('householdPayload', () => {
  it('makes a payload the schema and the server accept, round-tripping the members', () => {
    const o = new DomainDriver();
    o.signIn('mv-1');
    o.walkIn({ adults: 1, children: 0 });
    const visitId = serveNext(o, 'mv-1');
    const young = { ...member(' Lina ', '2007-06-01'), parentsInSweden: false };
    const draft: HouseholdDraft = {
      adults: 2,
      children: 1,
      members: [
        young,
        { ...member('Omar', '1980-01-01'), parentsInSweden: true },
        member('Sara', '', 'child'),
      ],
    };
    const payload = householdPayload(visitId, draft, o.state.day, RULES);
    expect(payload.members).toEqual([
      { name: 'Lina', birthDate: '2007-06-01', kind: 'adult', parentsInSweden: false },
      // Not asked for someone the rule does not ask about.
      { name: 'Omar', birthDate: '1980-01-01', kind: 'adult', parentsInSweden: null },
      { name: 'Sara', birthDate: null, kind: 'child', parentsInSweden: null },
    ]);
    for (const m of payload.members) expect(MemberSchema.strict().safeParse(m).success).toBe(true);
    o.run(actors.desk('mv-1'), 'visit:set_household', payload);
    const saved = o.state.privateData.get(visitId)!.members;
    expect(householdDraft(o.visit(visitId), saved).members.map(({ key: _key, ...m }) => m)).toEqual([
      { name: 'Lina', birthDate: '2007-06-01', kind: 'adult', parentsInSweden: false },
      { name: 'Omar', birthDate: '1980-01-01', kind: 'adult', parentsInSweden: null },
      { name: 'Sara', birthDate: '', kind: 'child', parentsInSweden: null },
    ]);
    expect(o.visit(visitId)).toMatchObject({ adults: 2, children: 1 });
  });
});
