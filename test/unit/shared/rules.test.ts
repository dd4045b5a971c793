import { describe, expect, it } from 'vitest';
import type { OfficeConfig, StationRule } from '../../../shared/office.js';
import { handoverTargets } from '../../../shared/queue.js';
import { ageOn, ruleApplies, ruleSkips } from '../../../shared/rules.js';
import type { Member } from '../../../shared/visit.js';
import { actors, DAY, DomainDriver, testConfig } from '../../helpers/domain.js';

const AF: StationRule = {
  kind: 'adult_age',
  minAge: 20,
  maxAge: 64,
  withoutParentsFromAge: 18,
  whenUnknown: 'keep',
};
const PM: StationRule = {
  kind: 'adult_age',
  minAge: 65,
  maxAge: null,
  withoutParentsFromAge: null,
  whenUnknown: 'skip',
};

const adult = (birthDate: string | null, parentsInSweden: boolean | null = null): Member => ({
  name: 'X',
  birthDate,
  kind: 'adult',
  parentsInSweden,
});
const child = (birthDate: string): Member => ({ name: 'Y', birthDate, kind: 'child', parentsInSweden: null });

describe('ageOn', () => {
  it('counts whole years, turning a year older on the birthday', () => {
    expect(ageOn('2006-11-23', '2026-11-23')).toBe(20);
    expect(ageOn('2006-11-24', '2026-11-23')).toBe(19);
    expect(ageOn('2006-12-01', '2026-11-23')).toBe(19);
    expect(ageOn('2004-02-29', '2026-02-28')).toBe(21);
  });
});

describe("Arbetsförmedlingen's rule (20–64, and 18–19 without parents in Sweden)", () => {
  it.each([
    ['an adult of 25', [adult('2001-05-05')], true],
    ['an adult of 64', [adult('1962-11-23')], true],
    ['an adult of 65 only', [adult('1961-11-23')], false],
    ['an adult of 19 without parents in Sweden', [adult('2007-01-01', false)], true],
    ['an adult of 19 with parents in Sweden', [adult('2007-01-01', true)], false],
    ['an adult of 19, parents not known', [adult('2007-01-01')], false],
    ['an adult of 17 without parents', [adult('2009-06-01', false)], false],
    ['a couple of 70 and 40', [adult('1956-01-01'), adult('1986-01-01')], true],
    ['children do not count', [adult('1950-01-01'), child('2001-01-01')], false],
  ] as const)('%s', (_, members, expected) => {
    expect(ruleApplies(AF, members, DAY)).toBe(expected);
  });

  it('cannot tell without an adult birth date, and then keeps the step', () => {
    expect(ruleApplies(AF, [adult(null), child('2015-01-01')], DAY)).toBe('unknown');
    expect(ruleSkips(AF, [], DAY)).toBe(false);
    expect(ruleSkips(PM, [], DAY)).toBe(true);
  });

  it('a station without a rule always applies', () => {
    expect(ruleApplies(null, [], DAY)).toBe(true);
  });
});

function officeWithPension(): OfficeConfig {
  const base = testConfig();
  return {
    ...base,
    stations: [
      ...base.stations,
      {
        id: 'pm',
        name: 'Pensionsmyndigheten',
        agency: 'PM',
        checklist: [],
        defaultServiceMinutes: 20,
        rule: PM,
      },
    ],
    desks: [...base.desks, { id: 'pm-1', name: 'Pensionsmyndigheten 1', stationId: 'pm' }],
    chain: [...base.chain, 'pm'],
  };
}

function householdAtMv(o: DomainDriver, members: Member[]) {
  const { visitId } = o.walkIn({ adults: members.filter((m) => m.kind === 'adult').length || 1 });
  o.run(actors.desk('mv-1'), 'queue:call_next', {});
  o.run(actors.desk('mv-1'), 'visit:start', { visitId });
  if (members.length)
    o.run(actors.desk('mv-1'), 'visit:set_household', {
      visitId,
      adults: Math.max(1, members.filter((m) => m.kind === 'adult').length),
      children: members.filter((m) => m.kind === 'child').length,
      members,
    });
  return visitId;
}

function serveAndPass(o: DomainDriver, deskId: string, visitId: string) {
  const desk = actors.desk(deskId);
  o.run(desk, 'queue:call_next', {});
  o.run(desk, 'visit:start', { visitId });
  return o.run(desk, 'visit:complete_step', { visitId, outcome: 'done' });
}

describe('the chain with age rules', () => {
  it('passes Arbetsförmedlingen by for a household of 66, with the rule as the reason, and visits Pensionsmyndigheten', () => {
    const o = new DomainDriver(officeWithPension());
    for (const d of ['mv-1', 'af-1', 'skv-fk-1', 'kommun-1', 'pm-1']) o.signIn(d);
    const visitId = householdAtMv(o, [adult('1960-01-01')]);
    expect(handoverTargets(o.state, o.visit(visitId))).toMatchObject({
      next: 'skv-fk',
      passedByRule: ['af'],
    });
    const handover = o.run(actors.desk('mv-1'), 'visit:hand_over', {
      visitId,
      to: { kind: 'next' },
      outcome: 'done',
    });
    expect(handover.events.map((e) => e.type)).toEqual(['step_skipped', 'step_completed', 'handed_over']);
    expect(o.visit(visitId).steps.find((s) => s.stationId === 'af')).toMatchObject({
      status: 'skipped',
      skipReason: 'age_rule',
    });
    serveAndPass(o, 'skv-fk-1', visitId);
    serveAndPass(o, 'kommun-1', visitId);
    expect(o.step(visitId)?.stationId).toBe('pm');
    serveAndPass(o, 'pm-1', visitId);
    expect(o.visit(visitId).status).toBe('registered');
  });

  it('keeps Arbetsförmedlingen while ages are unknown, and passes Pensionsmyndigheten by', () => {
    const o = new DomainDriver(officeWithPension());
    for (const d of ['mv-1', 'af-1', 'skv-fk-1', 'kommun-1']) o.signIn(d);
    const visitId = householdAtMv(o, []);
    o.run(actors.desk('mv-1'), 'visit:hand_over', { visitId, to: { kind: 'next' }, outcome: 'done' });
    expect(o.step(visitId)?.stationId).toBe('af');
    serveAndPass(o, 'af-1', visitId);
    serveAndPass(o, 'skv-fk-1', visitId);
    const last = serveAndPass(o, 'kommun-1', visitId);
    expect(last.events.map((e) => e.type)).toEqual(['step_completed', 'step_skipped', 'visit_completed']);
    expect(o.visit(visitId).status).toBe('registered');
    expect(o.visit(visitId).steps.at(-1)).toMatchObject({
      stationId: 'pm',
      status: 'skipped',
      skipReason: 'age_rule',
    });
  });

  it('"Complete visit" passes by what the rules skip, and refuses while a step that applies is left', () => {
    const o = new DomainDriver(officeWithPension());
    for (const d of ['mv-1', 'af-1', 'skv-fk-1', 'kommun-1']) o.signIn(d);
    const visitId = householdAtMv(o, [adult('1990-01-01')]);
    const refused = o.try(actors.desk('mv-1'), 'visit:complete', { visitId, outcome: 'done' });
    expect(refused.ok ? null : refused.error.code).toBe('JOURNEY_NOT_FINISHED');
  });

  it('a desk can restore a step the rule passed by, and the rule then leaves it alone', () => {
    const o = new DomainDriver(officeWithPension());
    for (const d of ['mv-1', 'af-1', 'skv-fk-1', 'kommun-1']) o.signIn(d);
    const visitId = householdAtMv(o, [adult('1960-01-01')]);
    o.run(actors.desk('mv-1'), 'visit:hand_over', { visitId, to: { kind: 'next' }, outcome: 'done' });
    const skv = actors.desk('skv-fk-1');
    o.run(skv, 'queue:call_next', {});
    o.run(skv, 'visit:start', { visitId });
    o.run(skv, 'visit:restore_step', { visitId, stationId: 'af', reason: 'rule_does_not_fit' });
    expect(o.visit(visitId).steps.find((s) => s.stationId === 'af')).toMatchObject({
      status: 'pending',
      ruleOverride: true,
    });
    expect(handoverTargets(o.state, o.visit(visitId))).toMatchObject({ next: 'kommun', passedByRule: [] });
    const again = o.try(skv, 'visit:restore_step', { visitId, stationId: 'af', reason: 'rule_does_not_fit' });
    expect(again.ok ? null : again.error.code).toBe('INVALID_TRANSITION');
    o.run(skv, 'visit:hand_over', { visitId, to: { kind: 'next' }, outcome: 'done' });
    serveAndPass(o, 'kommun-1', visitId);
    // On along the chain first (Pensionsmyndigheten applies at 66), then back to the restored step.
    expect(o.step(visitId)?.stationId).toBe('pm');
    o.signIn('pm-1');
    serveAndPass(o, 'pm-1', visitId);
    expect(o.step(visitId)?.stationId).toBe('af');
  });

  it('a desk that does not hold the visit cannot restore its steps', () => {
    const o = new DomainDriver(officeWithPension());
    for (const d of ['mv-1', 'af-1']) o.signIn(d);
    const visitId = householdAtMv(o, [adult('1960-01-01')]);
    const r = o.try(actors.desk('af-1'), 'visit:restore_step', {
      visitId,
      stationId: 'af',
      reason: 'visitor_request',
    });
    expect(r.ok ? null : r.error.code).toBe('NOT_AT_THIS_STATION');
  });
});
