import { describe, expect, it } from 'vitest';
import {
  attachedInterpreter,
  canChange,
  canReinstate,
  freeInterpreters,
  interpreterLanguages,
  settingsChange,
  skippableSteps,
} from '../../../../renderer/src/screens/reception/visitOptions.js';
import { actors, DomainDriver } from '../../../helpers/domain.js';

const mv1 = actors.desk('mv-1');

function office() {
  const o = new DomainDriver();
  o.state = { ...o.state, config: { ...o.state.config, noShowRecallLimit: 0 } };
  o.signIn('mv-1');
  return o;
}

describe('what reception may do with a visit', () => {
  it('offers to put back only a visit missed at its current step, and the server agrees', () => {
    const o = office();
    const { visitId } = o.walkIn();
    expect(canReinstate(o.visit(visitId))).toBe(false);
    o.run(mv1, 'visit:call', { visitId });
    expect(canReinstate(o.visit(visitId))).toBe(false);
    o.run(mv1, 'visit:no_show', { visitId });
    expect(canReinstate(o.visit(visitId))).toBe(true);
    o.run(actors.reception, 'visit:reinstate', { visitId });
    expect(o.step(visitId)?.status).toBe('waiting');
  });

  it('offers to skip the steps to come and a current step that only waits, each of which the server accepts', () => {
    const o = office();
    const { visitId } = o.walkIn();
    const offered = skippableSteps(o.visit(visitId)).map((s) => s.stationId);
    expect(offered).toEqual(['mv', 'af', 'skv-fk', 'kommun']);
    for (const stationId of offered.slice(1))
      o.run(actors.reception, 'visit:skip_step', { visitId, stationId, reason: 'not_needed' });
    o.run(mv1, 'visit:call', { visitId });
    // Called to a desk: the desk completes or hands over that step; nothing else is left.
    expect(skippableSteps(o.visit(visitId))).toEqual([]);
    expect(
      o.try(actors.reception, 'visit:skip_step', { visitId, stationId: 'mv', reason: 'not_needed' }).ok,
    ).toBe(false);
  });

  it('offers nothing for a visit that has ended', () => {
    const o = office();
    const { visitId } = o.walkIn();
    o.run(actors.reception, 'visit:cancel', { visitId, reason: 'visitor_left' });
    const visit = o.visit(visitId);
    expect([canChange(visit), canReinstate(visit), skippableSteps(visit)]).toEqual([false, false, []]);
  });

  it('lists interpreter languages once, the office’s interpreter list first, without Swedish', () => {
    const o = office();
    const langs = interpreterLanguages(o.state.config);
    expect(langs.slice(0, 3)).toEqual(['ar', 'fa', 'prs']);
    expect(langs).toContain('ku');
    expect(langs).not.toContain('sv');
    expect(new Set(langs).size).toBe(langs.length);
  });

  it('puts free interpreters of the needed language first, and knows who is attached', () => {
    const o = office();
    for (const [language, name] of [
      ['ti', 'Tesfay'],
      ['ar', 'Samir'],
      ['ar', 'Amal'],
    ] as const)
      o.run(actors.admin, 'interpreter:add', { language, mode: 'onsite', name });
    const { visitId } = o.run(actors.kiosk, 'visit:check_in', {
      arrival: { kind: 'walk_in', adults: 1, children: 0 },
      language: 'ar',
      interpreterLanguage: 'ar',
      consent: true,
    }).result as { visitId: string };
    const free = freeInterpreters(o.state, o.visit(visitId));
    expect(free.map((i) => i.name)).toEqual(['Amal', 'Samir', 'Tesfay']);
    o.run(actors.reception, 'interpreter:attach', { visitId, interpreterId: free[0]!.id });
    expect(attachedInterpreter(o.state, o.visit(visitId))?.name).toBe('Amal');
    expect(freeInterpreters(o.state, o.visit(visitId)).map((i) => i.name)).toEqual(['Samir', 'Tesfay']);
  });

  it('sends only what changed, and nothing when nothing did', () => {
    const o = office();
    const { visitId } = o.walkIn();
    const visit = o.visit(visitId);
    const same = {
      language: visit.language,
      interpreterLanguage: visit.interpreterLanguage,
      consent: visit.consent,
    };
    expect(settingsChange(visit, same)).toBeNull();
    expect(settingsChange(visit, { ...same, interpreterLanguage: 'ar' })).toEqual({
      interpreterLanguage: 'ar',
    });
    expect(settingsChange(visit, { ...same, language: 'uk', consent: false })).toEqual({
      language: 'uk',
      consent: false,
    });
    o.run(actors.reception, 'visit:update', { visitId, interpreterLanguage: 'ar' });
    expect(o.visit(visitId).interpreterLanguage).toBe('ar');
  });
});
